// Generated from src/finding.rs by src/vocab.rs: do not edit.
// `POSTGUARD_BLESS=1 cargo test --test vocab` rewrites it; `cargo test` fails when it is stale.

/** @typedef {{ id: string, label: string }} Term */
/** @type {{ categories: Term[], severities: Term[], modes: Term[], posting_modes: string[], roles: Term[] }} */
export const VOCAB = {
  "categories": [
    { "id": "disclaimer", "label": "Disclaimer needed" },
    { "id": "city-email", "label": "City email address" },
    { "id": "confidential", "label": "Confidential data" },
    { "id": "official-position", "label": "Speaking for the City" },
    { "id": "conduct", "label": "Conduct" },
    { "id": "political", "label": "Political content" },
    { "id": "endorsement", "label": "Endorsement" },
    { "id": "personal-views", "label": "Personal views" },
    { "id": "open-meeting", "label": "Open meeting law" },
    { "id": "page-statements", "label": "Page statements" },
    { "id": "moderation", "label": "Comment moderation" },
    { "id": "accuracy", "label": "Accuracy" }
  ],
  "severities": [
    { "id": "error", "label": "Error" },
    { "id": "warning", "label": "Warning" },
    { "id": "info", "label": "Info" }
  ],
  "modes": [
    { "id": "personal", "label": "Personal account" },
    { "id": "city", "label": "City account" },
    { "id": "moderation", "label": "Moderating comments" }
  ],
  "posting_modes": ["personal", "city"],
  "roles": [
    { "id": "staff", "label": "City staff" },
    { "id": "police", "label": "Police department" },
    { "id": "council", "label": "Council member" },
    { "id": "volunteer", "label": "Volunteer or board member" },
    { "id": "contractor", "label": "Contractor or agent" }
  ]
};

export const CATEGORY_LABELS = Object.fromEntries(VOCAB.categories.map((t) => [t.id, t.label]));
export const SEVERITY_LABELS = Object.fromEntries(VOCAB.severities.map((t) => [t.id, t.label]));
/** 0 for the most serious. */
export const SEVERITY_RANK = Object.fromEntries(VOCAB.severities.map((t, i) => [t.id, i]));
export const MODE_LABELS = Object.fromEntries(VOCAB.modes.map((t) => [t.id, t.label]));
export const ROLE_LABELS = Object.fromEntries(VOCAB.roles.map((t) => [t.id, t.label]));
export const ROLES = VOCAB.roles.map((t) => t.id);
export const POSTING_MODES = VOCAB.posting_modes;
