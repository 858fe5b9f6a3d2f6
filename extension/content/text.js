// The text of a field and the map from text offsets back to DOM positions
// live in the shared web package (web/text.mjs: the fix appliers use them
// too); this file puts them on the namespace for the other content scripts.
import { isTextControl, readText, domPoint, domRange, editableRects } from '../../web/text.mjs';

const PG = globalThis.PostGuard;
if (!PG.loaded) Object.assign(PG, { isTextControl, readText, domPoint, domRange, editableRects });
