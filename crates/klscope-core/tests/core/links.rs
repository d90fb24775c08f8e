//! Share links: every preset round-trips with its zero rule, and every damaged or hostile
//! link is refused with its own sentence.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use klscope_core::info::ZeroRule;
use klscope_core::scenario::link::{self, LinkError, Shared};
use klscope_core::scenario::{self, ScenarioError};

/// A link carrying exactly this JSON text.
fn carrying(json: &str) -> String {
    format!("{}#s={}", link::DEFAULT_BASE, URL_SAFE_NO_PAD.encode(json))
}

fn error_of(text: &str) -> String {
    match link::decode(text) {
        Ok(shared) => panic!("{text:.80} opened {}", shared.scenario.id),
        Err(error) => error.to_string(),
    }
}

#[test]
fn every_preset_round_trips_with_every_kind_of_zero_rule() {
    let rules = [ZeroRule::Exact, ZeroRule::FloorQ { epsilon: 1e-6 }, ZeroRule::Smooth { alpha: 0.01 }];
    // (The generated vocabulary of 50,000 tokens is too big for any link.)
    for preset in scenario::builtin().iter().filter(|s| s.labels.len() <= link::MAX_LINK_OUTCOMES) {
        for rule in rules {
            let text = link::encode(preset, rule, "https://example.org/klscope/").unwrap();
            assert!(text.starts_with("https://example.org/klscope/#s="), "{text}");
            assert_eq!(link::decode(&text), Ok(Shared { scenario: preset.clone(), zero_rule: rule }), "{}", preset.id);
            // Everywhere a scenario is accepted.
            assert_eq!(scenario::resolve(&text).unwrap(), *preset);
        }
    }
}

#[test]
fn hostile_and_damaged_links_each_say_why() {
    let coin = r#""v":1,"id":"c","title":"Coin","labels":["h","t"]"#;
    let cases: Vec<(String, &str)> = vec![
        (link::DEFAULT_BASE.to_string(), "has no scenario in it"),
        (format!("{}#s=", link::DEFAULT_BASE), "has no scenario in it"),
        (format!("{}#s=ab$cd", link::DEFAULT_BASE), "characters a link never contains"),
        (format!("{}#s={}", link::DEFAULT_BASE, URL_SAFE_NO_PAD.encode([0xff, 0xfe, 0x00])), "not text"),
        (carrying(&format!(r#"{{{coin},"p":[0.9,0.1],"q":[0.5"#)), "damaged or cut short"),
        (carrying(&format!(r#"{{{coin},"p":[NaN,0.1],"q":[0.5,0.5]}}"#)), "damaged or cut short"),
        (carrying(&format!(r#"{{{coin},"p":[1.5,-0.5],"q":[0.5,0.5]}}"#)), "cannot be negative"),
        (carrying(&format!(r#"{{{coin},"p":[0.9,0.2],"q":[0.5,0.5]}}"#)), "p sums to"),
        (carrying(&format!(r#"{{{coin},"p":[0.9,0.1],"q":[0.5,0.5],"extra":1}}"#)), "unknown field"),
        (carrying(r#"{"v":2,"id":"c","title":"C","labels":["h"],"p":[1],"q":[1],"new":true}"#), "newer klscope"),
        (
            carrying(r#"{"v":1,"id":"c","title":"C","labels":["pa\u202eyp","t"],"p":[0.5,0.5],"q":[0.5,0.5]}"#),
            "control or invisible characters",
        ),
        (
            carrying(&format!(r#"{{{coin},"p":[0.9,0.1],"q":[0.5,0.5],"zero":{{"FloorQ":{{"epsilon":5.0}}}}}}"#)),
            "outside 1e-12 to 1e-1",
        ),
        (
            carrying(&format!(
                r#"{{"v":1,"id":"c","title":"C","labels":["{}","t"],"p":[0.5,0.5],"q":[0.5,0.5]}}"#,
                "x".repeat(500)
            )),
            "holds at most 100",
        ),
        (
            carrying(
                r#"{"v":1,"id":"c","title":"<b>C</b>","labels":["<script>","t\u0007"],"p":[0.5,0.5],"q":[0.5,0.5]}"#,
            ),
            "control or invisible characters",
        ),
        (format!("{}#s={}", link::DEFAULT_BASE, "A".repeat(link::MAX_LINK_CHARS)), "too long"),
    ];
    for (text, expected) in &cases {
        let message = error_of(text);
        assert!(message.contains(expected), "{text:.100}: {message:?} should mention {expected:?}");
        assert!(!message.contains('\n'), "one line: {message:?}");
    }
}

#[test]
fn a_million_outcomes_fit_in_no_link() {
    let n = 1_000_000;
    let labels: Vec<String> = (0..n).map(|i| format!("x{i}")).collect();
    let even = vec![1.0 / n as f64; n];
    let big = scenario::Scenario {
        id: "big".into(),
        title: "Big".into(),
        description: String::new(),
        unit: Default::default(),
        labels,
        p: even.clone(),
        q: even,
        logits: Default::default(),
        positions: None,
        roles: Default::default(),
        focus: Default::default(),
    };
    assert_eq!(link::encode(&big, ZeroRule::Exact, link::DEFAULT_BASE), Err(LinkError::TooManyOutcomes(n)));
    // Short enough in characters but too many outcomes: refused all the same.
    let many = format!(
        r#"{{"v":1,"id":"m","title":"M","labels":[{}],"p":[],"q":[]}}"#,
        (0..1500).map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(",")
    );
    assert!(error_of(&carrying(&many)).contains("at most 1000"));
}

#[test]
fn a_bad_link_given_as_a_scenario_is_a_scenario_error() {
    let error = scenario::resolve("http://127.0.0.1:8080/#s=%%%").unwrap_err();
    assert!(matches!(error, ScenarioError::Link(LinkError::NotBase64)), "{error:?}");
}

#[test]
fn no_link_is_made_that_would_not_open() {
    let coin = scenario::find_builtin("biased-coin-vs-fair").unwrap();
    let mut long_label = coin.clone();
    long_label.labels[0] = "x".repeat(200);
    assert!(link::encode(&long_label, ZeroRule::Exact, link::DEFAULT_BASE).is_err());
    assert!(link::encode(&coin, ZeroRule::FloorQ { epsilon: 3.0 }, link::DEFAULT_BASE).is_err());
    // A description written on Windows, with tabs, travels as it is.
    let mut windows = coin;
    windows.description = "Line one,\r\n\tline two.".into();
    let text = link::encode(&windows, ZeroRule::Exact, link::DEFAULT_BASE).unwrap();
    assert_eq!(link::decode(&text).unwrap().scenario, windows);
}

#[test]
fn an_unknown_field_is_named_short_and_escaped() {
    let name = format!("x\u{202e}\n{}", "y".repeat(5000));
    let key = serde_json::to_string(&name).unwrap();
    let json = format!(r#"{{"v":1,"id":"c","title":"C","labels":["h"],"p":[1],"q":[1],{key}:1}}"#);
    let message = error_of(&carrying(&json));
    assert!(message.contains(r"x\u{202e}\n"), "{message}");
    assert!(message.chars().count() < 300 && !message.contains('\n'), "{message}");
}

#[test]
fn logits_travel_in_a_link_with_minus_infinity() {
    let text = r#"(id: "l", title: "L", labels: ["a", "b", "c"],
        p: Logits(values: [2.0, -inf, 0.5], temperature: 0.3), q: [0.2, 0.3, 0.5])"#;
    let original = scenario::Scenario::from_ron(text, "memory").unwrap();
    let shared = link::decode(&link::encode(&original, ZeroRule::Exact, link::DEFAULT_BASE).unwrap()).unwrap();
    assert_eq!(shared.scenario, original);
    assert_eq!(shared.scenario.logits.p.as_ref().map(|l| l.values[1]), Some(f64::NEG_INFINITY));
    assert_eq!(shared.scenario.logits.q, None);
}

#[test]
fn positions_travel_in_a_link() {
    let mut die = scenario::find_builtin("fair-vs-loaded-die").unwrap();
    die.positions = Some(vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.5].into());
    let url = link::encode(&die, ZeroRule::Exact, link::DEFAULT_BASE).unwrap();
    assert_eq!(link::decode(&url).unwrap().scenario, die);
    // A link with positions that go backwards is refused, naming them.
    die.positions = Some(vec![1.0, 2.0, 3.0, 4.0, 6.0, 5.0].into());
    let url = link::encode(&die, ZeroRule::Exact, link::DEFAULT_BASE).unwrap();
    let refused = link::decode(&url).unwrap_err().to_string();
    assert!(refused.contains("positions[5] ('6') is 5, not above positions[4] = 6"), "{refused}");
}
