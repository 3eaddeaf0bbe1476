/**
 * Name pools for the fake community, by culture, each with the countries
 * (ISO 3166-1 alpha-2) its people mostly live in and a weight (its share of
 * the community). Spellings keep their accents: search is accent-insensitive
 * and the demo should prove it.
 */
export interface NamePool {
  first: readonly string[];
  last: readonly string[];
  countries: readonly string[];
  weight: number;
}

export const NAME_POOLS: readonly NamePool[] = [
  {
    // English-speaking
    first: [
      'Olivia', 'Emma', 'Ava', 'Sophia', 'Isabella', 'Mia', 'Amelia', 'Harper', 'Evelyn', 'Abigail',
      'Liam', 'Noah', 'Oliver', 'Elijah', 'James', 'William', 'Benjamin', 'Lucas', 'Henry', 'Theodore',
      'Chloe', 'Grace', 'Zoë', 'Hannah', 'Ruby', 'Jack', 'Harry', 'Charlie', 'George', 'Freddie',
      'Madison', 'Brooke', 'Tyler', 'Jordan', 'Taylor', 'Riley', 'Morgan', 'Avery', 'Mason', 'Logan',
    ],
    last: [
      'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Clark',
      'Lewis', 'Walker', 'Hall', 'Allen', 'Young', 'King', 'Wright', 'Scott', 'Green', 'Baker',
      'Adams', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Campbell', 'Parker', 'Evans',
      "O'Brien", 'Murphy', 'Kelly', 'Walsh', 'MacDonald', 'Robertson', 'Thompson', 'White', 'Harris', 'Cooper',
    ],
    countries: ['US', 'US', 'US', 'GB', 'GB', 'CA', 'AU', 'IE', 'NZ'],
    weight: 30,
  },
  {
    // Spanish and Latin American
    first: [
      'Sofía', 'Valentina', 'Camila', 'Lucía', 'Martina', 'Isabela', 'Daniela', 'Mariana', 'Gabriela', 'Ximena',
      'Mateo', 'Santiago', 'Sebastián', 'Diego', 'Alejandro', 'Nicolás', 'Samuel', 'Javier', 'Andrés', 'José',
      'María José', 'Ana', 'Paula', 'Carmen', 'Inés', 'Pablo', 'Hugo', 'Álvaro', 'Iker', 'Emilio',
    ],
    last: [
      'García', 'Rodríguez', 'Martínez', 'Hernández', 'López', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres',
      'Flores', 'Rivera', 'Gómez', 'Díaz', 'Cruz', 'Morales', 'Ortiz', 'Gutiérrez', 'Chávez', 'Ramos',
      'Vargas', 'Castillo', 'Jiménez', 'Moreno', 'Romero', 'Álvarez', 'Muñoz', 'Navarro', 'Iglesias', 'Peña',
    ],
    countries: ['MX', 'MX', 'ES', 'ES', 'AR', 'CO', 'CL', 'PE', 'US'],
    weight: 16,
  },
  {
    // Portuguese and Brazilian
    first: [
      'Ana Clara', 'Beatriz', 'Larissa', 'Juliana', 'Fernanda', 'Letícia', 'Giovanna', 'Rafaela', 'Bruna', 'Thaís',
      'João', 'Pedro', 'Gustavo', 'Rafael', 'Thiago', 'Felipe', 'Leonardo', 'Vinícius', 'Caio', 'Matheus',
    ],
    last: [
      'Silva', 'Santos', 'Oliveira', 'Souza', 'Costa', 'Pereira', 'Almeida', 'Ferreira', 'Carvalho', 'Gomes',
      'Ribeiro', 'Araújo', 'Barbosa', 'Cardoso', 'Rocha', 'Conceição', 'Nascimento', 'Lima', 'Moura', 'Teixeira',
    ],
    countries: ['BR', 'BR', 'BR', 'PT'],
    weight: 9,
  },
  {
    // French
    first: [
      'Chloé', 'Léa', 'Manon', 'Camille', 'Inès', 'Jade', 'Louise', 'Élodie', 'Margaux', 'Océane',
      'Lucas', 'Hugo', 'Louis', 'Gabriel', 'Arthur', 'Raphaël', 'Théo', 'Mathis', 'Noé', 'Clément',
    ],
    last: [
      'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
      'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Fontaine', 'Rousseau', 'Girard', 'Bonnet', 'Lambert', 'Faure',
    ],
    countries: ['FR', 'FR', 'FR', 'BE', 'CA', 'CH'],
    weight: 6,
  },
  {
    // German, Austrian, Swiss, Nordic
    first: [
      'Hannah', 'Lena', 'Leonie', 'Johanna', 'Clara', 'Jülide', 'Mila', 'Frieda', 'Astrid', 'Ingrid',
      'Lukas', 'Jonas', 'Finn', 'Felix', 'Maximilian', 'Paul', 'Elias', 'Jürgen', 'Lars', 'Björn',
      'Åsa', 'Sigrid', 'Freja', 'Nils', 'Søren',
    ],
    last: [
      'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Schäfer',
      'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Andersson', 'Johansson', 'Nielsen', 'Hansen', 'Lindqvist',
    ],
    countries: ['DE', 'DE', 'DE', 'AT', 'CH', 'SE', 'DK', 'NO', 'NL'],
    weight: 7,
  },
  {
    // Italian
    first: ['Giulia', 'Francesca', 'Chiara', 'Martina', 'Aurora', 'Alessandro', 'Lorenzo', 'Matteo', 'Leonardo', 'Niccolò'],
    last: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'De Luca'],
    countries: ['IT'],
    weight: 4,
  },
  {
    // Nigerian, Ghanaian, Kenyan, South African
    first: [
      'Chiamaka', 'Ngozi', 'Adaeze', 'Folake', 'Amara', 'Abena', 'Wanjiru', 'Thandiwe', 'Zanele', 'Nneka',
      'Chinedu', 'Oluwaseun', 'Tunde', 'Emeka', 'Kwame', 'Kofi', 'Jabari', 'Sipho', 'Obinna', 'Babajide',
    ],
    last: [
      'Okafor', 'Adeyemi', 'Okonkwo', 'Eze', 'Balogun', 'Nwosu', 'Mensah', 'Owusu', 'Boateng', 'Kamau',
      'Otieno', 'Mwangi', 'Dlamini', 'Nkosi', 'Ndlovu', 'Adebayo', 'Oyelaran', 'Achebe', 'Asante', 'Wanjiku',
    ],
    countries: ['NG', 'NG', 'GH', 'KE', 'ZA', 'GB', 'US'],
    weight: 7,
  },
  {
    // South Asian
    first: [
      'Aarav', 'Vivaan', 'Arjun', 'Rohan', 'Ishaan', 'Kabir', 'Rahul', 'Siddharth', 'Karan', 'Dev',
      'Ananya', 'Diya', 'Priya', 'Aanya', 'Saanvi', 'Kavya', 'Meera', 'Nisha', 'Riya', 'Zara',
    ],
    last: [
      'Sharma', 'Patel', 'Singh', 'Kumar', 'Gupta', 'Reddy', 'Iyer', 'Nair', 'Mehta', 'Chopra',
      'Desai', 'Joshi', 'Kapoor', 'Malhotra', 'Banerjee', 'Chatterjee', 'Rao', 'Pillai', 'Khan', 'Hussain',
    ],
    countries: ['IN', 'IN', 'IN', 'PK', 'BD', 'GB', 'US', 'CA', 'AE'],
    weight: 9,
  },
  {
    // East Asian (romanised)
    first: [
      'Wei', 'Jing', 'Mei', 'Xin', 'Hao', 'Yu', 'Lin', 'Jun', 'Yuki', 'Haruto',
      'Sakura', 'Ren', 'Aoi', 'Hina', 'Sota', 'Minjun', 'Seoyeon', 'Jiwoo', 'Hyun', 'Eunji',
    ],
    last: [
      'Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou',
      'Tanaka', 'Suzuki', 'Takahashi', 'Watanabe', 'Sato', 'Kim', 'Lee', 'Park', 'Choi', 'Jung',
    ],
    countries: ['CN', 'TW', 'HK', 'SG', 'JP', 'JP', 'KR', 'KR', 'US', 'CA'],
    weight: 8,
  },
  {
    // Arabic, Turkish, Persian
    first: [
      'Omar', 'Yusuf', 'Ahmed', 'Karim', 'Layla', 'Fatima', 'Nour', 'Yasmin', 'Amira', 'Samir',
      'Elif', 'Zeynep', 'Emre', 'Can', 'Ayşe', 'Darius', 'Shirin', 'Reza', 'Leila', 'Hakan',
    ],
    last: [
      'Haddad', 'Nasser', 'Khalil', 'Mansour', 'Saleh', 'Farouk', 'El-Amin', 'Hamdan', 'Aziz', 'Rahman',
      'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Tehrani', 'Karimi', 'Hosseini', 'Moradi',
    ],
    countries: ['AE', 'SA', 'EG', 'MA', 'JO', 'TR', 'TR', 'DE', 'FR'],
    weight: 6,
  },
  {
    // Central and Eastern European
    first: ['Zofia', 'Maja', 'Oliwia', 'Kateřina', 'Ivana', 'Jakub', 'Mateusz', 'Tomáš', 'Dmytro', 'Oksana'],
    last: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Novák', 'Dvořák', 'Horvat', 'Kovač', 'Shevchenko', 'Bondarenko'],
    countries: ['PL', 'PL', 'CZ', 'HR', 'UA', 'RO', 'HU'],
    weight: 5,
  },
  {
    // Southeast Asian
    first: ['Linh', 'Minh', 'Thảo', 'Anh', 'Maria', 'Angelica', 'Jose Miguel', 'Siti', 'Putri', 'Arif'],
    last: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Santos', 'Reyes', 'Dela Cruz', 'Wijaya', 'Santoso', 'Rahmat'],
    countries: ['VN', 'PH', 'PH', 'ID', 'MY', 'TH', 'SG'],
    weight: 5,
  },
];

export const NICHES: ReadonlyArray<readonly [string, number]> = [
  ['Fitness', 12],
  ['Beauty', 12],
  ['Fashion', 11],
  ['Lifestyle', 10],
  ['Food', 9],
  ['Travel', 8],
  ['Gaming', 8],
  ['Tech', 7],
  ['Parenting', 6],
  ['Wellness', 5],
  ['Home & Decor', 4],
  ['Music', 3],
  ['Pets', 3],
  ['Sports', 3],
  ['Finance', 2],
  ['Photography', 2],
  ['Comedy', 2],
];

/** Where a niche tends to post. */
export const PLATFORMS_BY_NICHE: Readonly<Record<string, ReadonlyArray<readonly [string, number]>>> = {
  Gaming: [['Twitch', 5], ['YouTube', 4], ['TikTok', 3], ['X', 1]],
  Tech: [['YouTube', 5], ['X', 3], ['Instagram', 2], ['TikTok', 2]],
  Music: [['TikTok', 4], ['YouTube', 4], ['Instagram', 3]],
  Finance: [['YouTube', 4], ['X', 3], ['Instagram', 2], ['TikTok', 2]],
  'Home & Decor': [['Instagram', 5], ['Pinterest', 4], ['TikTok', 2]],
  Comedy: [['TikTok', 6], ['Instagram', 3], ['YouTube', 2]],
};

export const DEFAULT_PLATFORMS: ReadonlyArray<readonly [string, number]> = [
  ['Instagram', 7],
  ['TikTok', 6],
  ['YouTube', 3],
  ['Pinterest', 1],
];

/** Words a handle may end with, by niche (`@ana.fit`). */
export const HANDLE_SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  Fitness: ['fit', 'lifts', 'runs', 'strong', 'moves'],
  Beauty: ['beauty', 'glow', 'makeup', 'skin'],
  Fashion: ['style', 'wears', 'looks', 'fits'],
  Lifestyle: ['life', 'daily', 'vibes'],
  Food: ['eats', 'cooks', 'kitchen', 'bakes'],
  Travel: ['travels', 'wanders', 'abroad', 'trips'],
  Gaming: ['plays', 'gg', 'tv', 'games'],
  Tech: ['tech', 'codes', 'builds', 'dev'],
  Parenting: ['mom', 'dad', 'family', 'littles'],
  Wellness: ['wellness', 'calm', 'yoga'],
  'Home & Decor': ['home', 'nest', 'decor'],
  Music: ['music', 'beats', 'sings'],
  Pets: ['pets', 'paws', 'dogs'],
  Sports: ['sports', 'ball', 'goals'],
  Finance: ['money', 'invests', 'finance'],
  Photography: ['shoots', 'photo', 'lens'],
  Comedy: ['lol', 'jokes', 'funny'],
};

export const EMAIL_DOMAINS: ReadonlyArray<readonly [string, number]> = [
  ['gmail.com', 40],
  ['outlook.com', 10],
  ['yahoo.com', 8],
  ['icloud.com', 10],
  ['hotmail.com', 5],
  ['proton.me', 3],
  ['gmx.de', 2],
  ['orange.fr', 2],
  ['example.com', 5],
];
