/**
 * The block in the editor: a placeholder with the widget chosen in the
 * sidebar. The widgets themselves render on the front end (render.php), where
 * the page's user and nonce are known. Plain script over the `wp` globals:
 * no build step.
 */
( function ( blocks, element, blockEditor, components, i18n ) {
	const el = element.createElement;
	const __ = i18n.__;
	const WIDGETS = [
		{ value: 'dashboard', label: __( 'Members: Saved Segments, Add to segment, table', 'segkit-segments' ) },
		{ value: 'segments', label: __( 'Segments: create, rename, delete', 'segkit-segments' ) },
		{ value: 'invite-link', label: __( 'Invitation links of one segment', 'segkit-segments' ) },
	];

	blocks.registerBlockType( 'segkit/segments', {
		edit: function ( props ) {
			const attributes = props.attributes;
			const chosen = WIDGETS.find( ( w ) => w.value === attributes.widget ) || WIDGETS[ 0 ];
			return el(
				element.Fragment,
				null,
				el(
					blockEditor.InspectorControls,
					null,
					el(
						components.PanelBody,
						{ title: __( 'Widget', 'segkit-segments' ) },
						el( components.SelectControl, {
							label: __( 'Show', 'segkit-segments' ),
							value: attributes.widget,
							options: WIDGETS,
							onChange: ( widget ) => props.setAttributes( { widget: widget } ),
						} ),
						attributes.widget === 'invite-link' &&
							el( components.TextControl, {
								label: __( 'Segment id', 'segkit-segments' ),
								value: attributes.segment,
								onChange: ( segment ) => props.setAttributes( { segment: segment } ),
							} )
					)
				),
				el(
					'div',
					blockEditor.useBlockProps(),
					el( components.Placeholder, { icon: 'groups', label: __( 'Segments', 'segkit-segments' ), instructions: chosen.label } )
				)
			);
		},
		save: function () {
			return null;
		},
	} );
} )( window.wp.blocks, window.wp.element, window.wp.blockEditor, window.wp.components, window.wp.i18n );
