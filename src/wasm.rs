//! The JavaScript API (wasm32 only), shaped for JavaScript users:
//!
//! ```js
//! import init, { Checker, version } from './pkg/postguard.js';
//! await init();
//! const checker = new Checker({ mode: 'personal', role: 'staff', policy: { email_domains: ['x.gov'] } });
//! const findings = checker.check(text);            // Finding[] (UTF-16 offsets)
//! const missing = checker.checkPage(aboutText);     // page-statements findings (src/page.rs)
//! // A public comment on a City post, for review ([moderation.*]):
//! checker.check(comment, { mode: 'moderation', context: cityPostText });
//! ```
//!
//! Strings cross the boundary as UTF-8: wasm-bindgen encodes a JS string
//! with `TextEncoder`, which replaces a lone surrogate with U+FFFD. Both are
//! one UTF-16 code unit, so UTF-16 offsets computed on the encoded text are
//! offsets into the caller's original string.

use crate::engine::{self, Scratch};
use crate::finding::{Context, Mode, Role};
use crate::pack::PackOverride;
use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A policy category. */
export type Category = "disclaimer" | "city-email" | "confidential" | "official-position" | "conduct"
  | "political" | "endorsement" | "personal-views" | "open-meeting" | "page-statements"
  | "moderation" | "accuracy";
export type Severity = "error" | "warning" | "info";
/** "moderation": others' public comments on a City account's posts ([moderation.*]). */
export type Mode = "personal" | "city" | "moderation";
export type Role = "staff" | "police" | "council" | "volunteer" | "contractor";
/** One text edit; offsets in UTF-16 code units (and UTF-8 bytes). Apply edits last to first. */
export interface Edit { start: number; end: number; byte_start: number; byte_end: number; replacement: string }
/** A suggested fix: apply all of its edits. */
export interface Fix { label: string; edits: Edit[] }
/** One place where the post breaks the policy. `start`/`end` are JS string indices. */
export interface Finding {
  rule: string; category: Category; severity: Severity; clause: string; message: string;
  start: number; end: number; byte_start: number; byte_end: number; excerpt: string; fixes: Fix[];
}
/** Adjustments to the embedded policy (City IT settings). */
export interface PolicyOverride {
  email_domains?: string[]; confidential_terms?: string[]; disclaimers?: string[];
  disclaimer_text?: string; disable?: string[]; severity?: Record<string, Severity>;
}
export interface CheckerOptions { mode?: Mode; role?: Role; policy?: PolicyOverride }
/** `context`: in moderation mode, the text of the City post the comment replies to
 * (links unrelated to it are reported); an error in other modes. */
export interface CheckContext { mode?: Mode; role?: Role; context?: string }
export interface RuleInfo {
  id: string; category: Category; severity: Severity; clause: string; modes: Mode[]; roles: Role[];
  summary: string; explanation: string; example: string; counter_example: string; fix: string | null;
}
export interface Clause { id: string; heading: string; text: string }
/** A statement the page check looks for in a City account's About/bio text. */
export interface PageStatementInfo {
  id: string; category: "page-statements"; severity: Severity; clause: string;
  summary: string; explanation: string; model: string; fix: string;
}
"#;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// A compiled policy and a default context. Create once, check many times.
/// Checkers made with the same `policy` (or none) share one engine while
/// any of them lives: its matchers are built on first use, so a second
/// Checker (another mode or role, or the extension's replacement after a
/// settings change) starts warm and adds no memory of its own.
#[wasm_bindgen]
pub struct Checker {
    inner: Rc<engine::Checker>,
    ctx: Context,
    scratch: RefCell<Scratch>,
}

thread_local! {
    /// The engines of the live Checkers, by the override they were built
    /// with. Weak: the last Checker's `free()` frees its engine.
    static ENGINES: RefCell<Vec<(PackOverride, Weak<engine::Checker>)>> = const { RefCell::new(Vec::new()) };
}

/// The engine for `policy`: a live Checker's, or a new one.
fn engine_for(policy: &PackOverride) -> Result<Rc<engine::Checker>, JsError> {
    let live = ENGINES.with_borrow_mut(|list| {
        list.retain(|(_, w)| w.strong_count() > 0);
        list.iter().find(|(p, _)| p == policy).and_then(|(_, w)| w.upgrade())
    });
    if let Some(e) = live {
        return Ok(e);
    }
    let inner = if *policy == PackOverride::default() {
        engine::Checker::rochester()
    } else {
        engine::Checker::with_override(policy, "options.policy").map_err(|e| {
            let field = if e.field.is_empty() { String::new() } else { format!(".{}", e.field) };
            JsError::new(&format!("options.policy{field}: {}", e.message))
        })?
    };
    let inner = Rc::new(inner);
    ENGINES.with_borrow_mut(|list| list.push((policy.clone(), Rc::downgrade(&inner))));
    Ok(inner)
}

#[wasm_bindgen]
impl Checker {
    /// `new Checker(options?)`: options `{ mode, role, policy }`, all optional.
    /// Throws an `Error` naming the field when an option is invalid.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "CheckerOptions | void")] options: Option<Object>) -> Result<Checker, JsError> {
        let mut ctx = Context::default();
        let mut policy = PackOverride::default();
        if let Some(options) = options {
            for (key, value) in entries(&options.into(), "options")? {
                match key.as_str() {
                    "mode" | "role" => set_context(&mut ctx, &key, &value, "options")?,
                    "policy" => policy = parse_policy(&value)?,
                    other => return Err(JsError::new(&format!("options.{other}: unknown option (expected mode, role or policy)"))),
                }
            }
        }
        Ok(Checker { inner: engine_for(&policy)?, ctx, scratch: RefCell::new(Scratch::default()) })
    }

    /// Check a post. `context` (`{ mode, role }`) overrides the constructor's.
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CheckContext | void")] context: Option<Object>,
    ) -> Result<JsValue, JsError> {
        // Taken as a JsValue so that a number, `undefined` or an object is an
        // error naming the argument (wasm-bindgen's release glue for `&str`
        // does not check the type and converts such values unpredictably).
        // Lone surrogates arrive as U+FFFD: still one UTF-16 unit each, so
        // every span stays where it was in the caller's string.
        let text = text.as_string().ok_or_else(|| JsError::new(&format!("text: expected a string, got {}", describe(&text))))?;
        let text = text.as_str();
        let mut ctx = self.ctx;
        let mut post: Option<String> = None;
        if let Some(context) = context {
            for (key, value) in entries(&context.into(), "context")? {
                match key.as_str() {
                    "mode" | "role" => set_context(&mut ctx, &key, &value, "context")?,
                    "context" => post = moderation_context(&value)?,
                    other => return Err(JsError::new(&format!("context.{other}: unknown field (expected mode, role or context)"))),
                }
            }
        }
        if let Some(post) = post {
            if ctx.mode != Mode::Moderation {
                return Err(JsError::new("context.context: the City post a comment replies to; only with mode \"moderation\""));
            }
            return to_js(&self.inner.check_comment(text, Some(&post), &ctx));
        }
        let findings = match self.scratch.try_borrow_mut() {
            Ok(mut s) => self.inner.check_with(text, &ctx, &mut s),
            Err(_) => self.inner.check(text, &ctx),
        };
        to_js(&findings)
    }

    /// Check a City account's About/bio text for the statements the policy
    /// requires on every City page: one `page-statements` finding per
    /// missing statement, with an empty span at the end of the text where
    /// its fix appends the pack's model sentence.
    #[wasm_bindgen(js_name = checkPage, unchecked_return_type = "Finding[]")]
    pub fn check_page(&self, #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<JsValue, JsError> {
        let text = text.as_string().ok_or_else(|| JsError::new(&format!("text: expected a string, got {}", describe(&text))))?;
        let findings = match self.scratch.try_borrow_mut() {
            Ok(mut s) => self.inner.check_page_with(&text, &mut s),
            Err(_) => self.inner.check_page(&text),
        };
        to_js(&findings)
    }

    /// The statements the page check looks for, with their model sentences.
    #[wasm_bindgen(js_name = pageStatements, unchecked_return_type = "PageStatementInfo[]")]
    pub fn page_statements(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.page_statements())
    }

    /// Every rule with its documentation.
    #[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
    pub fn rules(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.rules())
    }

    /// A policy clause by id (`{ id, heading, text }`), or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Clause | undefined")]
    pub fn clause(&self, id: &str) -> Result<JsValue, JsError> {
        match self.inner.clause(id) {
            Some(c) => to_js(&ClauseJs { id: &c.id, heading: &c.heading, text: &c.text }),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Every clause of the policy, in document order.
    #[wasm_bindgen(unchecked_return_type = "Clause[]")]
    pub fn clauses(&self) -> Result<JsValue, JsError> {
        let list: Vec<ClauseJs> = self.inner.clauses().iter().map(|c| ClauseJs { id: &c.id, heading: &c.heading, text: &c.text }).collect();
        to_js(&list)
    }

    /// The organisation's disclaimer text (what the disclaimer fix inserts).
    #[wasm_bindgen(getter)]
    pub fn disclaimer(&self) -> String {
        self.inner.pack().organization.disclaimer.clone()
    }

    /// The pack's name, e.g. "City of Rochester, Minnesota".
    #[wasm_bindgen(getter, js_name = policyName)]
    pub fn policy_name(&self) -> String {
        self.inner.pack().pack.name.clone()
    }
}

#[derive(Serialize)]
struct ClauseJs<'a> {
    id: &'a str,
    heading: &'a str,
    text: &'a str,
}

fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

fn as_object<'a>(v: &'a JsValue, name: &str) -> Result<&'a Object, JsError> {
    if v.is_object() && !Array::is_array(v) {
        Ok(v.unchecked_ref::<Object>())
    } else {
        Err(JsError::new(&format!("{name}: expected an object, got {}", describe(v))))
    }
}

/// The own enumerable properties of a plain object, or an error naming it.
fn entries(v: &JsValue, name: &str) -> Result<Vec<(String, JsValue)>, JsError> {
    let obj = as_object(v, name)?;
    Ok(Object::keys(obj)
        .iter()
        .map(|k| {
            let key = k.as_string().unwrap_or_default();
            let value = Reflect::get(obj, &k).unwrap_or(JsValue::UNDEFINED);
            (key, value)
        })
        .collect())
}

/// Moderation mode's `context`: the City post's text (a string), or nothing.
fn moderation_context(value: &JsValue) -> Result<Option<String>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_string().map(Some).ok_or_else(|| JsError::new(&format!("context.context: expected the City post's text (a string), got {}", describe(value))))
}

fn set_context(ctx: &mut Context, key: &str, value: &JsValue, owner: &str) -> Result<(), JsError> {
    if value.is_undefined() {
        return Ok(());
    }
    let s = value.as_string();
    match key {
        "mode" => {
            ctx.mode = s.as_deref().and_then(Mode::parse).ok_or_else(|| JsError::new(&format!("{owner}.mode: expected \"personal\", \"city\" or \"moderation\", got {}", describe(value))))?;
        }
        _ => {
            ctx.role = s.as_deref().and_then(Role::parse).ok_or_else(|| {
                JsError::new(&format!("{owner}.role: expected \"staff\", \"police\", \"council\", \"volunteer\" or \"contractor\", got {}", describe(value)))
            })?;
        }
    }
    Ok(())
}

/// Read the policy override field by field, so an error names the field.
fn parse_policy(v: &JsValue) -> Result<PackOverride, JsError> {
    let mut o = PackOverride::default();
    if v.is_undefined() || v.is_null() {
        return Ok(o);
    }
    for (key, value) in entries(v, "options.policy")? {
        if value.is_undefined() || value.is_null() {
            continue;
        }
        let field = |e: serde_wasm_bindgen::Error| JsError::new(&format!("options.policy.{key}: {e}"));
        let name = format!("options.policy.{key}");
        match key.as_str() {
            "email_domains" => o.email_domains = string_list(&value, &name)?,
            "confidential_terms" => o.confidential_terms = string_list(&value, &name)?,
            "disclaimers" => o.disclaimers = string_list(&value, &name)?,
            "disable" => o.disable = string_list(&value, &name)?,
            "disclaimer_text" => {
                o.disclaimer_text = Some(value.as_string().ok_or_else(|| JsError::new(&format!("{name}: expected a string, got {}", describe(&value))))?)
            }
            "severity" => {
                as_object(&value, &name)?;
                o.severity = serde_wasm_bindgen::from_value(value).map_err(field)?
            }
            other => {
                return Err(JsError::new(&format!(
                    "options.policy.{other}: unknown field (expected email_domains, confidential_terms, disclaimers, disclaimer_text, disable or severity)"
                )))
            }
        }
    }
    Ok(o)
}

fn string_list(v: &JsValue, name: &str) -> Result<Vec<String>, JsError> {
    if !Array::is_array(v) {
        return Err(JsError::new(&format!("{name}: expected an array of strings, got {}", describe(v))));
    }
    let arr: &Array = v.unchecked_ref();
    arr.iter()
        .enumerate()
        .map(|(i, item)| item.as_string().ok_or_else(|| JsError::new(&format!("{name}[{i}]: expected a string, got {}", describe(&item)))))
        .collect()
}

fn describe(v: &JsValue) -> String {
    if let Some(s) = v.as_string() {
        // Never echo a long value (it could be a whole post) into an error.
        if s.chars().count() > 40 {
            format!("a string of {} characters", s.chars().count())
        } else {
            format!("{s:?}")
        }
    } else if v.is_null() {
        "null".into()
    } else if Array::is_array(v) {
        "an array".into()
    } else if v.as_f64().is_some() {
        "a number".into()
    } else if v.as_bool().is_some() {
        "a boolean".into()
    } else if v.is_object() {
        "an object".into()
    } else {
        "a value of another type".into()
    }
}
