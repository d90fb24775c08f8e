//! Share links: a scenario and its zero rule carried in a URL's fragment
//! (`…/#s=<base64url of JSON>`), so no server is needed. A link is untrusted input: it is
//! decoded with limits, checked like a scenario file, and every problem is one sentence.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

pub use super::link_error::{LinkError, MAX_LINK_CHARS, MAX_LINK_OUTCOMES};
use super::{Focus, Roles, Scenario, SideLogits};
use crate::info::logits::Logits;
use crate::info::{Unit, ZeroRule, zero_rule::PARAMETER_RANGE};

/// Where `web/serve.sh` serves the site: the base of links made on the desktop.
pub const DEFAULT_BASE: &str = "http://127.0.0.1:8080/";
/// The longest label a link may carry, in characters.
pub const MAX_LABEL_CHARS: usize = 100;
/// The longest title and description a link may carry, in characters.
pub const MAX_TEXT_CHARS: usize = 4000;
/// The version of the link format this klscope writes and reads.
const VERSION: u32 = 1;
/// What precedes the scenario in the fragment.
const KEY: &str = "s=";

/// A scenario as shared by a link, with the zero rule it was shown with.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    pub scenario: Scenario,
    pub zero_rule: ZeroRule,
}

/// The scenario as it travels: short keys, everything a scenario file holds plus the rule.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Payload {
    v: u32,
    id: String,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    unit: Unit,
    labels: Vec<String>,
    p: Vec<f64>,
    q: Vec<f64>,
    #[serde(default)]
    zero: ZeroRule,
    /// P's and Q's logits, for a side given as logits; `p` and `q` still carry the
    /// probabilities, so a link is read the same way whichever form a side has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pl: Option<LinkLogits>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ql: Option<LinkLogits>,
    /// The outcomes' positions on a line, where the scenario gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    x: Option<Vec<f64>>,
    /// What P and Q stand for, where the scenario names them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    r: Option<(String, String)>,
    /// True for a scenario about P alone.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    f: bool,
}

/// Logits in JSON, which has no infinities: null is −∞ (probability 0).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkLogits {
    z: Vec<Option<f64>>,
    t: f64,
}

impl LinkLogits {
    fn of(logits: &Logits) -> LinkLogits {
        LinkLogits { z: logits.values.iter().map(|&z| z.is_finite().then_some(z)).collect(), t: logits.temperature }
    }

    fn logits(&self) -> Logits {
        Logits { values: self.z.iter().map(|z| z.unwrap_or(f64::NEG_INFINITY)).collect(), temperature: self.t }
    }
}

/// Just the version of a payload, read leniently.
#[derive(Deserialize)]
struct Version {
    v: u32,
}

/// True when `text` looks like a share link rather than a file name or preset id.
pub fn is_link(text: &str) -> bool {
    let text = text.trim_start();
    text.starts_with("http://") || text.starts_with("https://") || text.contains("#s=")
}

/// The link that opens `scenario` with `zero_rule` at `base` (a page address), or why no
/// link can carry it (one that `decode` would refuse is never made).
pub fn encode(scenario: &Scenario, zero_rule: ZeroRule, base: &str) -> Result<String, LinkError> {
    let payload = Payload {
        v: VERSION,
        id: scenario.id.clone(),
        title: scenario.title.clone(),
        description: scenario.description.clone(),
        unit: scenario.unit,
        labels: scenario.labels.clone(),
        p: scenario.p.clone(),
        q: scenario.q.clone(),
        zero: zero_rule,
        pl: scenario.logits.p.as_ref().map(LinkLogits::of),
        ql: scenario.logits.q.as_ref().map(LinkLogits::of),
        x: scenario.positions.as_deref().map(<[f64]>::to_vec),
        r: scenario.roles.pair().map(|(p, q)| (p.to_string(), q.to_string())),
        f: scenario.focus.p_alone(),
    };
    check_sizes(&payload)?;
    checked_rule(zero_rule)?;
    let json = serde_json::to_string(&payload).map_err(|e| LinkError::Damaged(e.to_string()))?;
    let base = base.split('#').next().unwrap_or(base);
    let link = format!("{base}#{KEY}{}", URL_SAFE_NO_PAD.encode(json));
    let length = link.chars().count();
    if length > MAX_LINK_CHARS { Err(LinkError::TooLong(length)) } else { Ok(link) }
}

/// The scenario a link carries, checked as strictly as a scenario file, or why not.
pub fn decode(link: &str) -> Result<Shared, LinkError> {
    let link = link.trim();
    if link.chars().count() > MAX_LINK_CHARS {
        return Err(LinkError::TooLong(link.chars().count()));
    }
    let fragment = link.rsplit_once('#').map_or(link, |(_, fragment)| fragment);
    let encoded = fragment
        .split('&')
        .find_map(|part| part.strip_prefix(KEY))
        .filter(|encoded| !encoded.is_empty())
        .ok_or(LinkError::NoScenario)?;
    let bytes = URL_SAFE_NO_PAD.decode(encoded.trim_end_matches('=')).map_err(|_| LinkError::NotBase64)?;
    let text = String::from_utf8(bytes).map_err(|_| LinkError::NotText)?;
    // The version first: a newer link may have fields this klscope does not know.
    if let Ok(Version { v }) = serde_json::from_str::<Version>(&text)
        && v != VERSION
    {
        return Err(LinkError::Version(v));
    }
    let payload: Payload = serde_json::from_str(&text).map_err(|e| LinkError::Damaged(plain_json_error(&e)))?;
    check_sizes(&payload)?;
    let scenario = Scenario {
        id: payload.id,
        title: payload.title,
        description: payload.description,
        unit: payload.unit,
        labels: payload.labels,
        p: payload.p,
        q: payload.q,
        logits: SideLogits {
            p: payload.pl.as_ref().map(LinkLogits::logits),
            q: payload.ql.as_ref().map(LinkLogits::logits),
        },
        positions: payload.x.map(Vec::into_boxed_slice),
        roles: payload.r.map_or_else(Roles::default, |(p, q)| Roles::new(p, q)),
        focus: if payload.f { Focus::P } else { Focus::Both },
    };
    scenario.validate("the link").map_err(|e| LinkError::Invalid(e.to_string()))?;
    Ok(Shared { scenario, zero_rule: checked_rule(payload.zero)? })
}

/// Limits a file does not need but a link from a stranger does: counts, lengths, and no
/// characters that hide or disguise text (controls, bidirectional overrides, zero-width
/// characters) in labels; titles and descriptions may hold line breaks and tabs.
fn check_sizes(payload: &Payload) -> Result<(), LinkError> {
    let logit_lengths = [&payload.pl, &payload.ql].map(|l| l.as_ref().map_or(0, |l| l.z.len()));
    let n = payload.labels.len().max(payload.p.len()).max(payload.q.len()).max(logit_lengths[0]).max(logit_lengths[1]);
    if n > MAX_LINK_OUTCOMES {
        return Err(LinkError::TooManyOutcomes(n));
    }
    let invalid = |what: String| Err(LinkError::Invalid(what));
    for (index, label) in payload.labels.iter().enumerate() {
        let length = label.chars().count();
        if length > MAX_LABEL_CHARS {
            return invalid(format!(
                "label {index} in the link is {length} characters long; a label holds at most {MAX_LABEL_CHARS}"
            ));
        }
        if label.chars().any(|c| c.is_control() || is_disguise(c)) {
            return invalid(format!("label {index} in the link holds control or invisible characters"));
        }
    }
    if let Some((p, q)) = &payload.r
        && [p, q].iter().any(|name| name.chars().any(|c| c.is_control() || is_disguise(c)))
    {
        return invalid("a side's name in the link holds control or invisible characters".to_string());
    }
    for (name, text) in [("id", &payload.id), ("title", &payload.title), ("description", &payload.description)] {
        if text.chars().count() > MAX_TEXT_CHARS {
            return invalid(format!("the {name} in the link is longer than {MAX_TEXT_CHARS} characters"));
        }
        if text.chars().any(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || is_disguise(c)) {
            return invalid(format!("the {name} in the link holds control or invisible characters"));
        }
    }
    Ok(())
}

/// Characters that reorder or hide text: a label could pass itself off as another.
fn is_disguise(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}')
}

/// The zero rule, with its parameter inside the range the app offers.
fn checked_rule(rule: ZeroRule) -> Result<ZeroRule, LinkError> {
    let parameter = match rule {
        ZeroRule::Exact => return Ok(rule),
        ZeroRule::FloorQ { epsilon } => epsilon,
        ZeroRule::Smooth { alpha } => alpha,
    };
    if PARAMETER_RANGE.contains(&parameter) {
        Ok(rule)
    } else {
        Err(LinkError::Invalid(format!(
            "the zero rule in the link has parameter {parameter}, outside {:e} to {:e}",
            PARAMETER_RANGE.start(),
            PARAMETER_RANGE.end()
        )))
    }
}

/// serde_json's message without its "at line 1 column N" tail, with the column kept. The
/// message may quote the link (an unknown field's name): it is cut short and shown escaped.
fn plain_json_error(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let text = text.split(" at line ").next().unwrap_or(&text);
    format!("{} (at character {} of its scenario)", crate::text::quote_to(text, 80), error.column())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coin() -> Scenario {
        super::super::find_builtin("biased-coin-vs-fair").unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_link_round_trips_scenario_and_rule() {
        let rule = ZeroRule::FloorQ { epsilon: 1e-6 };
        let link = encode(&coin(), rule, "http://example.org/klscope/#old").unwrap_or_default();
        assert!(link.starts_with("http://example.org/klscope/#s="), "{link}");
        assert!(is_link(&link));
        assert_eq!(decode(&link), Ok(Shared { scenario: coin(), zero_rule: rule }));
    }

    #[test]
    fn a_link_keeps_the_sides_names_and_focus() {
        let mut scenario = coin();
        scenario.roles = Roles::new("policy", "reference");
        scenario.focus = Focus::P;
        let link = encode(&scenario, ZeroRule::Exact, DEFAULT_BASE).unwrap_or_default();
        assert_eq!(decode(&link).map(|shared| shared.scenario), Ok(scenario.clone()));
        scenario.roles = Roles::new("policy\u{202E}", "reference");
        // A name that reorders text is refused, as a label would be.
        let refused = encode(&scenario, ZeroRule::Exact, DEFAULT_BASE);
        assert!(matches!(refused, Err(LinkError::Invalid(why)) if why.contains("side's name")));
    }

    #[test]
    fn damaged_links_say_why() {
        let link = encode(&coin(), ZeroRule::Exact, DEFAULT_BASE).unwrap_or_default();
        assert_eq!(decode(DEFAULT_BASE), Err(LinkError::NoScenario));
        assert_eq!(decode(&format!("{link}*")), Err(LinkError::NotBase64));
        let cut = &link[..link.len() - 20];
        assert!(matches!(decode(cut), Err(LinkError::Damaged(_)) | Err(LinkError::NotText)), "{:?}", decode(cut));
        let long = format!("{link}{}", "A".repeat(MAX_LINK_CHARS));
        assert_eq!(decode(&long), Err(LinkError::TooLong(long.chars().count())));
    }
}
