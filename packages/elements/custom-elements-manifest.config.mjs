/** Custom Elements Manifest (read by IDEs, Storybook, docs): generated at build from the JSDoc on each element. */
export default {
  globs: ['src/**/segkit-*.ts'],
  exclude: ['src/internal/**'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
