// A custom role's name is shown wherever its holders are (member lists, the `org_role` claim of
// OpenID Connect): it must not pass for a built-in role. A name is
//   1. normalised to NFKC (full-width `Ａｄｍｉｎ`, ligatures and compatibility forms become plain);
//   2. refused with an invisible or formatting character: Unicode's format (Cf: zero-width spaces
//      and joiners, bidi controls, the BOM, soft hyphen…), control (Cc), line/paragraph separators,
//      private-use and unassigned code points, variation selectors, the Hangul and braille fillers
//      that render as blanks, and combining marks with nothing visible to combine with;
//   3. refused when it is confusable with `Admin`, `Editor` or `Viewer`: its skeleton (Unicode
//      TR39 confusables, through the `unhomoglyph` package, which ships that table) in any case
//      equals a built-in name's, so Cyrillic `Аdmin`, Greek `Αdmin`, `ADMlN` or `Adrnin` are refused.
// Exactly a built-in name in any case stays `role.name_taken`, as before.
import unhomoglyph from 'unhomoglyph';
import { fail } from '../errors.js';
import { BUILT_IN_ROLES } from '../authz/permissions.js';

/** Characters that show as nothing (or as blank space that is not a space) or reorder text. */
const INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each listed character is refused on its own (variation selectors and the combining grapheme joiner included); no sequence is meant.
  /[\p{Cf}\p{Cc}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u{115F}\u{1160}\u{3164}\u{FFA0}\u{2800}\u{180B}-\u{180F}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}\u{034F}]/u;
/** A combining mark at the start or after a space combines with nothing visible. */
const LONE_MARK = /(^|\s)\p{M}/u;

const variants = (s: string) => [s, s.toLowerCase(), s.toUpperCase()];
const skeletons = (s: string) => new Set(variants(s).flatMap((v) => [unhomoglyph(v), unhomoglyph(v).toLowerCase()]));

const BUILT_IN_SKELETONS = new Map<string, string>(
  Object.values(BUILT_IN_ROLES).flatMap((r) => [...skeletons(r.name)].map((k) => [k, r.name] as const)),
);

/** The built-in role's name that `name` (already normalised) looks like, if any. */
function confusableBuiltIn(name: string): string | undefined {
  for (const k of skeletons(name)) {
    const builtIn = BUILT_IN_SKELETONS.get(k);
    if (builtIn !== undefined) return builtIn;
  }
  return undefined;
}

const hasInvisibleCharacters = (name: string) => INVISIBLE.test(name) || LONE_MARK.test(name);

/**
 * The name as stored: NFKC, trimmed; 400 `role.name_invisible` or 409 `role.name_confusable`
 * (both naming the `/name` field) when it cannot be a role's name. An exact built-in name (any
 * case) passes here: the caller answers it as `role.name_taken`.
 */
export function normalizeRoleName(raw: string): string {
  const name = raw.normalize('NFKC').trim();
  if (hasInvisibleCharacters(name)) {
    fail('role.name_invisible', {
      detail: `name=${JSON.stringify(raw.slice(0, 80))}`,
      errors: [
        {
          field: '/name',
          rule: 'invisible',
          message: 'Use visible characters only: no zero-width, direction or other formatting characters.',
        },
      ],
    });
  }
  if (name === '') fail('request.invalid', { errors: [{ field: '/name', rule: 'minLength', message: 'Enter a name.' }] });
  // NFKC can lengthen a name (one ligature becomes several letters): the limit holds after it.
  if ([...name].length > 60)
    fail('request.invalid', { errors: [{ field: '/name', rule: 'maxLength', message: 'At most 60 characters.' }] });
  const builtIn = confusableBuiltIn(name);
  if (builtIn !== undefined && builtIn.toLowerCase() !== name.toLowerCase()) {
    fail('role.name_confusable', {
      detail: `name=${JSON.stringify(raw.slice(0, 80))} looks like ${builtIn}`,
      publicDetail: `This name looks like the built-in role "${builtIn}". Choose a name that cannot be mistaken for it.`,
      errors: [{ field: '/name', rule: 'confusable', message: `Looks like the built-in role "${builtIn}".` }],
    });
  }
  return name;
}
