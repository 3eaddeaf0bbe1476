import { SegkitElement } from './segkit-element.js';

/**
 * Base of the segkit elements that are form fields (`segkit-segment-picker`
 * in field mode, `segkit-audience`): form-associated custom elements with the
 * same validity API as native inputs. Subclasses set the value and validity
 * through `internals` and implement the form callbacks they need.
 */
export abstract class SegkitFormElement extends SegkitElement {
  static formAssociated = true;

  protected readonly internals: ElementInternals;

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  /** The form this field belongs to. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  get validity(): ValidityState {
    return this.internals.validity;
  }

  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  get willValidate(): boolean {
    return this.internals.willValidate;
  }

  get labels(): NodeList {
    return this.internals.labels;
  }

  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.internals.reportValidity();
  }
}
