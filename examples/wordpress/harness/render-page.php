<?php
/**
 * Renders a front-end page of the segkit Segments plugin without WordPress:
 * the few WordPress functions the plugin calls are stubbed here as WordPress
 * 6.5+ behaves (hooks, shortcodes, block.json with a `render` file, the
 * Script Modules API's import map and module tags, escaping), then the page
 * is printed with the plugin's block and shortcode in it.
 *
 * For tests only (test/e2e/wordpress.e2e.mjs drives the page in Chromium);
 * it proves the plugin's PHP runs and its markup works, not that WordPress
 * itself loads it.
 *
 *   php render-page.php <plugin-url> <endpoint> [<user-id>|guest]
 */

define( 'ABSPATH', __DIR__ . '/' );

$plugin_url = rtrim( $argv[1] ?? '/wp-content/plugins/segkit-segments', '/' );
$endpoint   = $argv[2] ?? '/wp-json/segkit/v1';
$user       = $argv[3] ?? '1';

$GLOBALS['harness'] = array(
	'actions'    => array(),
	'shortcodes' => array(),
	'blocks'     => array(),
	'modules'    => array(),
	'enqueued'   => array(),
	'options'    => array( 'segkit_segments_endpoint' => $endpoint ),
	'user'       => 'guest' === $user ? 0 : (int) $user,
	'plugin_url' => $plugin_url,
);

// ---- hooks, options, users -------------------------------------------------
function add_action( $hook, $callback ) {
	$GLOBALS['harness']['actions'][ $hook ][] = $callback;
}
function do_action( $hook ) {
	foreach ( $GLOBALS['harness']['actions'][ $hook ] ?? array() as $callback ) {
		$callback();
	}
}
function apply_filters( $hook, $value ) {
	return $value;
}
function get_option( $name, $fallback = false ) {
	return $GLOBALS['harness']['options'][ $name ] ?? $fallback;
}
function register_setting( $group, $name, $args = array() ) {
}
function get_current_user_id() {
	return $GLOBALS['harness']['user'];
}
function current_user_can( $capability ) {
	return $GLOBALS['harness']['user'] > 0;
}
function wp_create_nonce( $action ) {
	return substr( hash( 'sha256', $action . '|' . get_current_user_id() ), 0, 10 );
}

// ---- URLs and escaping (as WordPress escapes) --------------------------------
function plugins_url( $path, $file ) {
	return $GLOBALS['harness']['plugin_url'] . '/' . ltrim( $path, '/' );
}
function rest_url( $path ) {
	return '/wp-json/' . ltrim( $path, '/' );
}
function home_url( $path = '' ) {
	return 'https://shop.example' . $path;
}
function esc_attr( $text ) {
	return htmlspecialchars( (string) $text, ENT_QUOTES, 'UTF-8' );
}
function esc_html( $text ) {
	return htmlspecialchars( (string) $text, ENT_QUOTES, 'UTF-8' );
}
function esc_url( $url ) {
	$url = (string) $url;
	if ( preg_match( '/^\s*(javascript|data|vbscript):/i', $url ) ) {
		return '';
	}
	return htmlspecialchars( $url, ENT_QUOTES, 'UTF-8' );
}
function esc_url_raw( $url ) {
	return (string) $url;
}
function __( $text, $domain = 'default' ) {
	return $text;
}

// ---- shortcodes -------------------------------------------------------------
function add_shortcode( $tag, $callback ) {
	$GLOBALS['harness']['shortcodes'][ $tag ] = $callback;
}
function shortcode_atts( $defaults, $atts, $tag = '' ) {
	$atts = (array) $atts;
	$out  = array();
	foreach ( $defaults as $name => $default ) {
		$out[ $name ] = array_key_exists( $name, $atts ) ? $atts[ $name ] : $default;
	}
	return $out;
}
function do_shortcode_tag( $tag, $atts ) {
	return call_user_func( $GLOBALS['harness']['shortcodes'][ $tag ], $atts );
}

// ---- blocks: block.json with a `render` file --------------------------------
function register_block_type( $dir ) {
	$meta = json_decode( file_get_contents( $dir . '/block.json' ), true );
	$meta['dir'] = $dir;
	$GLOBALS['harness']['blocks'][ $meta['name'] ] = $meta;
}
function get_block_wrapper_attributes() {
	$name = $GLOBALS['harness']['rendering'];
	return 'class="wp-block-' . esc_attr( str_replace( '/', '-', $name ) ) . '"';
}
function render_block_for_test( $name, $attributes ) {
	$meta = $GLOBALS['harness']['blocks'][ $name ];
	foreach ( $meta['attributes'] as $key => $schema ) {
		if ( ! array_key_exists( $key, $attributes ) && array_key_exists( 'default', $schema ) ) {
			$attributes[ $key ] = $schema['default'];
		}
	}
	$GLOBALS['harness']['rendering'] = $name;
	ob_start();
	require $meta['dir'] . '/' . substr( $meta['render'], strlen( 'file:./' ) );
	return ob_get_clean();
}

// ---- the Script Modules API -------------------------------------------------
function wp_register_script_module( $id, $src, $deps = array(), $version = false ) {
	$GLOBALS['harness']['modules'][ $id ] = array(
		'src'  => $src . ( $version ? '?ver=' . rawurlencode( $version ) : '' ),
		'deps' => $deps,
	);
}
function wp_enqueue_script_module( $id ) {
	$GLOBALS['harness']['enqueued'][ $id ] = true;
}
/** The import map and module tags WordPress prints in the footer: every dependency in the map, each enqueued module as a tag. */
function print_script_modules_for_test() {
	$imports = array();
	$walk    = function ( $id ) use ( &$walk, &$imports ) {
		foreach ( $GLOBALS['harness']['modules'][ $id ]['deps'] as $dep ) {
			$imports[ $dep ] = $GLOBALS['harness']['modules'][ $dep ]['src'];
			$walk( $dep );
		}
	};
	foreach ( array_keys( $GLOBALS['harness']['enqueued'] ) as $id ) {
		$walk( $id );
	}
	if ( $imports ) {
		printf( "<script type=\"importmap\" id=\"wp-importmap\">%s</script>\n", json_encode( array( 'imports' => $imports ), JSON_UNESCAPED_SLASHES ) );
	}
	foreach ( array_keys( $GLOBALS['harness']['enqueued'] ) as $id ) {
		printf( "<script type=\"module\" src=\"%s\" id=\"%s-js-module\"></script>\n", esc_url( $GLOBALS['harness']['modules'][ $id ]['src'] ), esc_attr( $id ) );
	}
}

// ---- the page ---------------------------------------------------------------
require dirname( __DIR__ ) . '/segkit-segments/segkit-segments.php';
do_action( 'init' );

$body = render_block_for_test( 'segkit/segments', array() )
	. do_shortcode_tag( 'segkit', array( 'widget' => 'segments' ) )
	. do_shortcode_tag( 'segkit', array( 'widget' => 'invite-link', 'segment' => 'vips"><img src=x onerror=alert(1)>' ) )
	. do_shortcode_tag( 'segkit', array( 'widget' => '<script>alert(1)</script>' ) );
?>
<!doctype html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<title>Members – Shop</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="<?php echo esc_url( plugins_url( 'block/style.css', __FILE__ ) ); ?>">
</head>
<body>
<main>
<h1>Members</h1>
<?php echo $body; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- the plugin's escaped markup. ?>
</main>
<?php print_script_modules_for_test(); ?>
</body>
</html>
