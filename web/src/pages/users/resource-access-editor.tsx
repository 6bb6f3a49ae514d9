// "All of this type" or "only these": a member's access to one resource type (a Smart Service's
// dashboard groups, dashboards …), for the member page's tab of that type and the invite dialog.
// The resources are shown as a tree under their parents (a dashboard under its group); access to a
// parent covers its children, so only resources of this type are picked here. Like device access,
// it offers only what the editor may give: "All" only to an Admin or someone with all of the type
// (or to keep it), and only the resources the editor reaches (the list answers with exactly those).
import { Checkbox } from '../../components/ui.js';
import { defineMessages, useT } from '../../i18n/i18n.js';
import { AllOrSelected } from './all-or-selected.js';
import type { Resource, TypeAccess } from './resources-data.js';

const messages = defineMessages({
  en: {
    all: 'All',
    allHint: 'Every one, including those added later.',
    some: 'Only selected',
    someHint: 'Access to an item includes everything inside it.',
    none: 'There is nothing of this kind yet that you can access.',
    selected: '{n} selected',
    onlyYours: 'You can give access only to what you can access yourself.',
  },
  de: {
    all: 'Alle',
    allHint: 'Alle, auch später hinzugefügte.',
    some: 'Nur ausgewählte',
    someHint: 'Zugriff auf ein Element schließt alles darin ein.',
    none: 'Von dieser Art gibt es noch nichts, worauf Sie Zugriff haben.',
    selected: '{n} ausgewählt',
    onlyYours: 'Sie können nur Zugriff auf das geben, worauf Sie selbst Zugriff haben.',
  },
});

interface Node {
  resource: Resource;
  children: Node[];
}

/** The resources of `type` with their ancestors (those the editor sees), as a forest by name. */
function treeOf(resources: Resource[], type: string): Node[] {
  const key = (t: string, ext: string) => `${t}\u0000${ext}`;
  const byKey = new Map(resources.map((r) => [key(r.type, r.externalId), r]));
  const nodes = new Map<string, Node>();
  const roots: Node[] = [];
  const nodeOf = (r: Resource): Node => {
    const k = key(r.type, r.externalId);
    let n = nodes.get(k);
    if (n) return n;
    n = { resource: r, children: [] };
    nodes.set(k, n);
    const parent = r.parent ? byKey.get(key(r.parent.type, r.parent.externalId)) : undefined;
    (parent ? nodeOf(parent).children : roots).push(n);
    return n;
  };
  for (const r of resources) if (r.type === type) nodeOf(r);
  const sort = (list: Node[]) => {
    list.sort((a, b) => a.resource.name.localeCompare(b.resource.name));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

export function ResourceAccessEditor({
  type,
  label,
  value,
  onChange,
  resources,
  error,
  disabled,
  offerAll,
  fieldError,
}: {
  type: string;
  label: string;
  value: TypeAccess;
  onChange: (v: TypeAccess) => void;
  resources: Resource[] | undefined;
  error?: unknown;
  disabled?: boolean;
  offerAll: boolean;
  fieldError?: string | undefined;
}) {
  const t = useT(messages);
  const selected = new Set(value.ids);
  const toggle = (id: string, on: boolean) => onChange({ all: false, ids: on ? [...value.ids, id] : value.ids.filter((x) => x !== id) });
  const roots = resources ? treeOf(resources, type) : undefined;
  const render = (list: Node[]) => (
    <ul>
      {list.map((n) => (
        <li key={n.resource.id}>
          {n.resource.type === type ? (
            <Checkbox
              checked={selected.has(n.resource.id)}
              onChange={(e) => toggle(n.resource.id, e.target.checked)}
              label={n.resource.name}
            />
          ) : (
            <span className="node-label">{n.resource.name}</span>
          )}
          {n.children.length > 0 ? render(n.children) : null}
        </li>
      ))}
    </ul>
  );
  return (
    <AllOrSelected
      legend={label}
      texts={{ all: t('all'), allHint: t('allHint'), some: t('some'), someHint: t('someHint'), onlyYours: t('onlyYours'), none: t('none') }}
      all={value.all}
      offerAll={offerAll}
      onChange={(all) => onChange({ all, ids: all ? [] : value.ids })}
      items={roots}
      error={error}
      disabled={disabled}
      fieldError={fieldError}
      type={type}
    >
      <p className="muted" aria-live="polite">
        {t('selected', { n: selected.size })}
      </p>
      <div className="device-list resource-tree">{roots ? render(roots) : null}</div>
    </AllOrSelected>
  );
}
