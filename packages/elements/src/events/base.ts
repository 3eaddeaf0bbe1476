/**
 * Base of every public segkit event: bubbles and is composed, so a host can
 * listen on `document` whatever shadow roots the element sits in; carries a
 * typed, plain-data `detail`. Not cancelable: events report what happened.
 */
export abstract class SegkitEvent<Detail> extends Event {
  readonly detail: Detail;
  constructor(type: string, detail: Detail) {
    super(type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}
