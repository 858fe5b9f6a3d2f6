//! The JavaScript API of the accuracy module (wasm32 only):
//!
//! ```js
//! import init, { Accuracy } from './pkg/accuracy.js';
//! await init();
//! const accuracy = new Accuracy({ words: ['Zumbro'] });   // options optional
//! const findings = accuracy.check(text);                   // Finding[] (UTF-16 offsets)
//! ```

use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** One text edit; offsets in UTF-16 code units (and UTF-8 bytes). */
export interface Edit { start: number; end: number; byte_start: number; byte_end: number; replacement: string }
export interface Fix { label: string; edits: Edit[] }
/** A spelling or grammar finding: category "accuracy", clause "city.g.accurate". */
export interface Finding {
  rule: string; category: "accuracy"; severity: "warning"; clause: "city.g.accurate"; message: string;
  start: number; end: number; byte_start: number; byte_end: number; excerpt: string; fixes: Fix[];
}
export interface AccuracyOptions { words?: string[] }
"#;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Harper with the City's words. Create once, check many times.
#[wasm_bindgen]
pub struct Accuracy {
    inner: crate::Accuracy,
}

#[wasm_bindgen]
impl Accuracy {
    /// `new Accuracy(options?)`: `{ words?: string[] }`, extra words the
    /// City's posts use (names). Throws when an option is invalid.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "AccuracyOptions | void")] options: Option<Object>) -> Result<Accuracy, JsError> {
        let mut words = Vec::new();
        if let Some(o) = options {
            let v = Reflect::get(&o, &JsValue::from_str("words")).map_err(|_| JsError::new("options.words: unreadable"))?;
            if !v.is_undefined() && !v.is_null() {
                if !Array::is_array(&v) {
                    return Err(JsError::new("options.words: expected an array of strings"));
                }
                for item in Array::from(&v).iter() {
                    words.push(item.as_string().ok_or_else(|| JsError::new("options.words: expected an array of strings"))?);
                }
            }
        }
        Ok(Accuracy { inner: crate::Accuracy::new(&words) })
    }

    /// Spelling and grammar findings for `text` (category `accuracy`).
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn check(&mut self, #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<JsValue, JsError> {
        let text = text.as_string().ok_or_else(|| JsError::new("check(text): text must be a string"))?;
        let findings = self.inner.check(&text);
        findings
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| JsError::new(&e.to_string()))
    }
}
