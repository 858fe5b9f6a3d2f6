//! The learned scorer in the pack is what its training data gives: retrain on
//! the dev part of the quality corpus and compare with the embedded pack's
//! `[score]` table, weight for weight. A model edited by hand, trained on
//! other data (the frozen test part) or left stale after the dev part grew
//! fails here: `cargo run --release --example train_scorer` writes it anew.
#[path = "support/labelled.rs"]
mod labelled;
#[path = "support/scorer_data.rs"]
mod scorer_data;

use postguard::pack::Pack;
use postguard::scorer::{self, Model, Training};
use postguard::{Checker, Context, Mode, Role};

#[test]
fn the_packs_model_is_retrained_from_the_dev_part_exactly() {
    let pack = Pack::rochester();
    let def = pack.signals.get(scorer_data::SIGNAL).and_then(|s| s.score.clone()).expect("the work_voice signal has a [score] table");
    let examples = scorer_data::dev_examples().expect("the dev part reads");
    assert!(examples.iter().any(|e| e.label) && examples.iter().any(|e| !e.label), "both classes in the training data");
    let data: Vec<(String, bool)> = examples.iter().map(|e| (e.view.clone(), e.label)).collect();
    let t = Training::default();
    let model = Model::quantise(t.bits, &scorer::train(&data, &t), def.threshold);
    assert_eq!((def.bits, def.bias, def.scale), (model.bits(), model.bias(), model.scale()), "run `cargo run --release --example train_scorer`");
    assert!(def.weights == model.weights_hex(), "the weights differ from a retraining on {}: run `cargo run --release --example train_scorer`", scorer_data::DEV);
}

#[test]
fn the_scored_rule_points_at_words_and_yields_to_the_templates() {
    let checker = Checker::rochester();
    let ctx = Context { mode: Mode::Personal, role: Role::Staff };
    let rule = checker.rules().into_iter().find(|r| r.id == "disclaimer.missing-scored").expect("the rule is in the pack");
    let example = rule.example.clone();
    let found = checker.check(&example, &ctx);
    let f = found.iter().find(|f| f.rule == "disclaimer.missing-scored").expect("the rule's example fires it");
    // The hit is the sentence whose words weigh most (src/scorer.rs tests
    // how it is chosen); the example has one.
    assert_eq!(f.excerpt, example, "{f:?}");
    assert!(found.iter().filter(|f| f.category == postguard::Category::Disclaimer).count() == 1, "one disclaimer card: {found:?}");
    // A disclaimer in the post, or a City mode post, gets none.
    assert!(!checker.check(&rule.counter_example, &ctx).iter().any(|f| f.rule == "disclaimer.missing-scored"));
    assert!(!checker.check(&example, &Context { mode: Mode::City, role: Role::Staff }).iter().any(|f| f.rule == "disclaimer.missing-scored"));
    // A template self-identification leaves the post to its own rule: one card.
    let templated = format!("I work for the City. {example}");
    let cards: Vec<_> = checker.check(&templated, &ctx).into_iter().filter(|f| f.category == postguard::Category::Disclaimer).collect();
    assert_eq!(cards.len(), 1, "{cards:?}");
    assert_ne!(cards[0].rule, "disclaimer.missing-scored");
}
