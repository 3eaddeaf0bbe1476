<?php
/**
 * Dependencies of edit.js (WordPress reads this file beside the script).
 *
 * @package segkit-segments
 */

return array(
	'dependencies' => array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n' ),
	'version'      => '0.1.0',
);
