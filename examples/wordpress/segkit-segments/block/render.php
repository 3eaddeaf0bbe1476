<?php
/**
 * Front-end markup of the `segkit/segments` block.
 *
 * @package segkit-segments
 *
 * @var array $attributes Block attributes (see block.json).
 */

defined( 'ABSPATH' ) || exit;

echo segkit_segments_render( // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped inside.
	isset( $attributes['widget'] ) ? (string) $attributes['widget'] : 'dashboard',
	isset( $attributes['segment'] ) ? (string) $attributes['segment'] : '',
	get_block_wrapper_attributes()
);
