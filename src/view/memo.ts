/**
 * `memo(render)`: a component that renders again only when one of its props changed (compared by
 * identity, one level deep), like React's memo. Preact's core has none, and preact/compat's would
 * bring compat's option hooks into the widget's panel chunk for one function.
 */
import { Component, type ComponentChild, type ComponentType } from 'preact';

export function memo<P extends object>(render: (props: P) => ComponentChild, name = render.name): ComponentType<P> {
  class Memo extends Component<P> {
    static override displayName = `memo(${name})`;
    override shouldComponentUpdate(next: P): boolean {
      return changed(this.props, next);
    }
    override render(props: P): ComponentChild {
      return render(props);
    }
  }
  return Memo;
}

function changed(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const k in x) if (!(k in y)) return true;
  for (const k in y) if (x[k] !== y[k]) return true;
  return false;
}
