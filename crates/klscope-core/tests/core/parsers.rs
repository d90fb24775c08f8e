//! Every reader of outside input never panics and always answers in one line: arbitrary
//! bytes and mutated valid files fed to the .npy, CSV and vocabulary readers, share
//! links, lessons and scenarios. An answer is a value, or an error whose message is one
//! line (no line break, no control character) of bounded length however large the input.

use klscope_core::info::ZeroRule;
use klscope_core::info::density::parse_density;
use klscope_core::lesson::Lesson;
use klscope_core::model_files::{read_numbers, read_vocabulary};
use klscope_core::scenario::{self, Scenario, link};
use klscope_core::text::is_unsafe;
use proptest::prelude::*;

/// The longest message any reader gives, whatever it was fed (names and quotes are cut).
const MAX_MESSAGE: usize = 1200;

fn one_line(message: &str) -> Result<(), TestCaseError> {
    prop_assert!(!message.contains('\n'), "more than one line: {:?}", message);
    prop_assert!(!message.chars().any(is_unsafe), "a control character reaches the terminal: {:?}", message);
    prop_assert!(message.chars().count() <= MAX_MESSAGE, "{} characters: {:?}", message.chars().count(), message);
    prop_assert!(!message.is_empty());
    Ok(())
}

/// A valid float32 .npy file of `values`, as NumPy writes it.
fn npy(values: &[f32]) -> Vec<u8> {
    let dict = format!("{{'descr': '<f4', 'fortran_order': False, 'shape': ({},), }}", values.len());
    npy_with_header(&dict, &values.iter().flat_map(|v| v.to_le_bytes()).collect::<Vec<u8>>())
}

/// A version 1 .npy file: `dict` as its header (padded as NumPy pads it), then `data`.
fn npy_with_header(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut header = dict.to_string();
    while !(10 + header.len() + 1).is_multiple_of(64) {
        header.push(' ');
    }
    header.push('\n');
    let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
    bytes.extend_from_slice(&(header.len() as u16).to_le_bytes());
    bytes.extend_from_slice(header.as_bytes());
    bytes.extend_from_slice(data);
    bytes
}

/// `bytes` with a few bytes changed, inserted or cut, and maybe a hostile run spliced in.
fn mutated(valid: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = valid.len().max(1);
    let edits = prop::collection::vec((0..len, any::<u8>(), 0u8..4), 1..6);
    let splices = prop::sample::select(vec![
        Vec::new(),
        b"\x1b[2J\x1b[31mRED".to_vec(),
        "\u{202e}\r\0".as_bytes().to_vec(),
        vec![b'x'; 5000],
        b"99999999999999999999999".to_vec(),
        b"(((((((((((((((((((((((((((((".to_vec(),
    ]);
    (edits, splices, 0..len).prop_map(move |(edits, splice, at)| {
        let mut bytes = valid.clone();
        for (position, byte, kind) in edits {
            let position = position.min(bytes.len().saturating_sub(1));
            match kind {
                0 if !bytes.is_empty() => bytes[position] = byte,
                1 => bytes.insert(position, byte),
                2 if !bytes.is_empty() => {
                    bytes.remove(position);
                }
                _ => bytes.truncate(position),
            }
        }
        let at = at.min(bytes.len());
        bytes.splice(at..at, splice);
        bytes
    })
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const LESSON: &str = include_str!("../../../../lessons/when-kl-blows-up.ron");
const PRESET: &str = include_str!("../../../../presets/support-mismatch.ron");

fn a_link() -> String {
    let scenario = scenario::find_builtin("rock-paper-scissors").unwrap();
    link::encode(&scenario, ZeroRule::Exact, link::DEFAULT_BASE).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn model_files_from_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400), npy_name in any::<bool>()) {
        let name = if npy_name { "x.npy" } else { "x.csv" };
        if let Err(e) = read_numbers(name, &bytes) { one_line(&e.to_string())?; }
        if let Err(e) = read_vocabulary("v.txt", &bytes) { one_line(&e.to_string())?; }
    }

    #[test]
    fn mutated_npy_files(bytes in mutated(npy(&[0.1, 0.2, 0.3, 0.4]))) {
        if let Err(e) = read_numbers("x.npy", &bytes) { one_line(&e.to_string())?; }
    }

    #[test]
    fn mutated_csv_files(bytes in mutated(b"0.1\n0.2\n0.3\n0.4\n".to_vec()), row in mutated(b"0.1, 0.2,0.3 ,0.4\r\n".to_vec())) {
        for bytes in [bytes, row] {
            match read_numbers("x.csv", &bytes) {
                Ok(values) => prop_assert!(!values.is_empty() && values.iter().all(|v| !v.is_nan())),
                Err(e) => one_line(&e.to_string())?,
            }
        }
    }

    #[test]
    fn mutated_vocabularies(bytes in mutated(b"cat\ndog\n bird\nfish\n".to_vec())) {
        match read_vocabulary("v.txt", &bytes) {
            Ok(tokens) => prop_assert!(!tokens.is_empty()),
            Err(e) => one_line(&e.to_string())?,
        }
    }

    #[test]
    fn share_links_arbitrary_and_mutated(noise in ".{0,300}", bytes in mutated(a_link().into_bytes())) {
        for candidate in [noise, text(&bytes)] {
            if let Err(e) = link::decode(&candidate) { one_line(&e.to_string())?; }
            if let Err(e) = scenario::resolve(&format!("{}#{candidate}", link::DEFAULT_BASE)) { one_line(&e.to_string())?; }
        }
    }

    #[test]
    fn lessons_arbitrary_and_mutated(noise in prop::collection::vec(any::<u8>(), 0..300), bytes in mutated(LESSON.as_bytes().to_vec())) {
        for candidate in [text(&noise), text(&bytes)] {
            match Lesson::from_ron(&candidate, "m.ron", None) {
                Ok(lesson) => prop_assert!(!lesson.steps.is_empty()),
                Err(e) => one_line(&e.to_string())?,
            }
        }
    }

    #[test]
    fn scenarios_arbitrary_and_mutated(noise in prop::collection::vec(any::<u8>(), 0..300), bytes in mutated(PRESET.as_bytes().to_vec())) {
        for candidate in [text(&noise), text(&bytes)] {
            match Scenario::from_ron(&candidate, "m.ron") {
                Ok(scenario) => prop_assert!(scenario.validate("m.ron").is_ok()),
                Err(e) => one_line(&e.to_string())?,
            }
        }
    }
}

#[test]
fn a_megabyte_token_or_number_is_quoted_short() {
    let token = format!("a\n{}\na\n", "\u{1b}[31m".repeat(200_000));
    let error = read_vocabulary("v.txt", format!("{token}{}\n", "\u{1b}[31m".repeat(200_000)).as_bytes());
    let message = error.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.len() < 400 && !message.contains('\u{1b}'), "{message}");
    let number = format!("0.5\n\u{1b}[2J\u{1b}[31mRED{}\n", "x".repeat(1_000_000));
    let message = read_numbers("x.csv", number.as_bytes()).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.starts_with("x.csv:2:1: '\\u{1b}[2J\\u{1b}[31mRED"), "{message}");
    assert!(message.len() < 200, "{message}");
}

/// Found by the mutation test above: a step that lost its `(` leaves its `)` at the steps
/// list's own depth, and finding which step a syntax error is in looped for ever.
#[test]
fn a_step_that_lost_its_opening_bracket_is_answered_at_once() {
    for step in 0..LESSON.matches("Step(").count() {
        let mut text = String::new();
        for (index, piece) in LESSON.split("Step(").enumerate() {
            if index > 0 {
                text.push_str(if index == step + 1 { "Step " } else { "Step(" });
            }
            text.push_str(piece);
        }
        let error = Lesson::from_ron(&text, "m.ron", None).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.starts_with("m.ron:") && error.contains("Expected opening `(`"), "step {}: {error}", step + 1);
    }
}

/// Also found by it: an inline scenario's id was written whole into a lesson's error.
#[test]
fn an_inline_scenarios_long_id_is_quoted_short_in_a_lesson_error() {
    let id = format!("{}\u{1b}[31m", "x".repeat(5000));
    let text = format!(
        "Lesson(title: \"t\", steps: [Step(scenario: Inline((id: {id:?}, title: \"c\", labels: [\"a\", \"b\"], p: [0.5, 0.4], q: [0.5, 0.5])), view: \"plots\", say: \"s\")])"
    );
    let error = Lesson::from_ron(&text, "m.ron", None).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("p sums to 0.9 in the inline scenario 'xxx"), "{error}");
    one_line(&error).map_err(|e| e.to_string()).unwrap();
}

/// Also found by it: the label of a bad position, and a density spec's unknown name, were
/// written whole.
#[test]
fn a_long_label_or_component_name_is_quoted_short() {
    let label = format!("{}\u{1b}[31m", "y".repeat(5000));
    let text = format!(
        "(id: \"a\", title: \"b\", labels: [\"one\", {label:?}], p: [0.5, 0.5], q: [0.5, 0.5], positions: [1.0, NaN])"
    );
    let error = Scenario::from_ron(&text, "m.ron").err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.starts_with("positions[1] ('yyy"), "{error}");
    one_line(&error).map_err(|e| e.to_string()).unwrap();
    let name = "z".repeat(5000);
    let error = parse_density(&format!("{name}(0, 1)")).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("found 'zzz"), "{error}");
    one_line(&error).map_err(|e| e.to_string()).unwrap();
}

/// Text from a .npy header is quoted short in every message about it: a string where a
/// value belongs, a structured array's many field names, a word, a huge number.
#[test]
fn text_from_a_npy_header_is_quoted_short() {
    let long = "n".repeat(5000);
    // Twelve 5,000-character field names: as much as a version 1 header holds.
    let fields: Vec<String> = (0..12).map(|i| format!("('{long}{i}', '<f4')")).collect();
    for dict in [
        "{'descr': '<f4', 'fortran_order': '\u{1b}[2J\u{1b}[31mRED', 'shape': (4,), }".to_string(),
        format!("{{'descr': [{}], 'fortran_order': False, 'shape': (4,), }}", fields.join(", ")),
        format!("{{'descr': '<f4', 'fortran_order': {long}, 'shape': (4,), }}"),
        format!("{{'descr': '<f4', 'fortran_order': False, 'shape': ({},), }}", "9".repeat(3000)),
    ] {
        let error =
            read_numbers("x.npy", &npy_with_header(&dict, &[0; 16])).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.starts_with("x.npy"), "{error}");
        one_line(&error).map_err(|e| e.to_string()).unwrap();
        assert!(error.chars().count() < 600, "{} characters: {error}", error.chars().count());
        assert!(!error.contains("never ends"), "the header was read: {error}");
    }
}
