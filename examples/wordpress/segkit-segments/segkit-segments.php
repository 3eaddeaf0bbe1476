<?php
/**
 * Plugin Name:       segkit Segments
 * Description:       The segkit widgets (member table, Add to segment, Saved Segments, segment list, invite links) as a block and a shortcode, over the site's segments REST endpoint.
 * Version:           0.1.0
 * Requires at least: 6.5
 * Requires PHP:      7.4
 * License:           MIT
 * Text Domain:       segkit-segments
 *
 * @package segkit-segments
 */

defined( 'ABSPATH' ) || exit;

define( 'SEGKIT_SEGMENTS_VERSION', '0.1.0' );

/**
 * The widget sets the block and the shortcode can render, by name.
 *
 * - `dashboard`: Saved Segments filter, Add to segment and the member table.
 * - `segments`: the segment list (create, rename, delete, per-segment data).
 * - `invite-link`: the invitation links of one segment (needs `segment`).
 *
 * @return string[]
 */
function segkit_segments_widgets() {
	return array( 'dashboard', 'segments', 'invite-link' );
}

/**
 * The segments API the widgets talk to: the `segkit_segments_endpoint`
 * option when set (Settings > Reading), else this site's `segkit/v1` REST
 * namespace (implemented by the site's own backend plugin; see README.md).
 *
 * @return string
 */
function segkit_segments_endpoint() {
	$endpoint = get_option( 'segkit_segments_endpoint', '' );
	return '' !== $endpoint ? $endpoint : rest_url( 'segkit/v1' );
}

/**
 * Registers the script modules (WordPress 6.5+ Script Modules API), the
 * block and the shortcode.
 *
 * `@segkit/loader` is segkit's lazy loader (`segkit-loader.js`, with
 * `segkit-store.js` and the `segkit-chunks/` folder, copied into
 * assets/segkit/ from `@segkit/elements/dist`): it defines each `segkit-*`
 * tag the first time a page shows it and loads only that tag's code, so a
 * page with the segment list never downloads the member table. The view
 * module imports both through the import map WordPress prints; the browser
 * loads each file once however many blocks a page holds.
 */
function segkit_segments_init() {
	wp_register_script_module(
		'@segkit/loader',
		plugins_url( 'assets/segkit/segkit-loader.js', __FILE__ ),
		array(),
		SEGKIT_SEGMENTS_VERSION
	);
	wp_register_script_module(
		'@segkit/store',
		plugins_url( 'assets/segkit/segkit-store.js', __FILE__ ),
		array(),
		SEGKIT_SEGMENTS_VERSION
	);
	wp_register_script_module(
		'segkit-segments-view',
		plugins_url( 'assets/view.js', __FILE__ ),
		array( '@segkit/loader', '@segkit/store' ),
		SEGKIT_SEGMENTS_VERSION
	);
	register_block_type( __DIR__ . '/block' );
	add_shortcode( 'segkit', 'segkit_segments_shortcode' );
	register_setting(
		'reading',
		'segkit_segments_endpoint',
		array(
			'type'              => 'string',
			'sanitize_callback' => 'esc_url_raw',
			'default'           => '',
		)
	);
}
add_action( 'init', 'segkit_segments_init' );

/**
 * `[segkit widget="dashboard"]`, `[segkit widget="segments"]`,
 * `[segkit widget="invite-link" segment="vips"]`.
 *
 * @param array|string $atts Shortcode attributes.
 * @return string
 */
function segkit_segments_shortcode( $atts ) {
	$atts = shortcode_atts(
		array(
			'widget'  => 'dashboard',
			'segment' => '',
		),
		$atts,
		'segkit'
	);
	return segkit_segments_render( $atts['widget'], $atts['segment'], 'class="segkit-segments"' );
}

/**
 * The markup of one widget set inside a `segkit-provider`, or an empty
 * string for a visitor who may not manage segments (the capability is
 * `edit_posts` unless the `segkit_segments_capability` filter says
 * otherwise). Every value is escaped; the widgets render names as text,
 * never as HTML, and speak the page's language (`<html lang>`).
 *
 * @param string $widget  One of segkit_segments_widgets().
 * @param string $segment Segment id (for `invite-link`).
 * @param string $wrapper Wrapper attributes, already escaped (get_block_wrapper_attributes()).
 * @return string
 */
function segkit_segments_render( $widget, $segment, $wrapper ) {
	if ( ! current_user_can( apply_filters( 'segkit_segments_capability', 'edit_posts' ) ) ) {
		return '';
	}
	if ( ! in_array( $widget, segkit_segments_widgets(), true ) ) {
		$widget = 'dashboard';
	}
	wp_enqueue_script_module( 'segkit-segments-view' );

	switch ( $widget ) {
		case 'segments':
			$inner = '<segkit-segment-list></segkit-segment-list>';
			break;
		case 'invite-link':
			$inner = sprintf(
				'<segkit-invite-link segment-id="%s" base-url="%s"></segkit-invite-link>',
				esc_attr( $segment ),
				esc_url( home_url( '/join/' ) )
			);
			break;
		default:
			$inner = '<div class="segkit-segments__toolbar">'
				. '<segkit-segment-filter></segkit-segment-filter>'
				. '<segkit-segment-picker></segkit-segment-picker>'
				. '</div>'
				. '<segkit-member-table></segkit-member-table>';
	}

	return sprintf(
		'<div %1$s><segkit-provider data-segkit-endpoint="%2$s" data-segkit-nonce="%3$s" data-segkit-user="%4$d">%5$s</segkit-provider></div>',
		$wrapper,
		esc_url( segkit_segments_endpoint() ),
		esc_attr( wp_create_nonce( 'wp_rest' ) ),
		get_current_user_id(),
		$inner
	);
}
