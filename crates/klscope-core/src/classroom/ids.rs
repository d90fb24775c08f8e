//! The names a room's messages carry, each checked when read from the wire: a join code
//! (it admits students, nothing more), a student's id (from the browser's storage, so a
//! reload rejoins), an optional nickname and the teacher's secret token.

use super::MAX_NICKNAME_CHARS;

/// Why a name from the wire is refused; one sentence each.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("a join code is 4 to 6 letters and digits")]
    Code,
    #[error("a student id is 8 to 64 letters, digits, '-' or '_'")]
    Student,
    #[error("a nickname is at most 24 printable characters")]
    Nickname,
}

/// The letters and digits of a join code: no 0/O, 1/I/L, so a code read off the projector
/// is typed right.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// How long the codes the server makes are (31⁵ ≈ 28 million of them).
pub const CODE_LENGTH: usize = 5;

/// A room's join code: 4 to 6 characters of [`CODE_ALPHABET`], upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JoinCode(String);

impl JoinCode {
    /// A code from random bytes (one per character).
    pub fn from_random(bytes: [u8; CODE_LENGTH]) -> JoinCode {
        // 256 is not a multiple of 31: the first few letters come up a little more often,
        // which costs a fraction of a bit and no security (a code only admits students).
        JoinCode(bytes.iter().map(|b| char::from(CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()])).collect())
    }

    /// A code as typed: spaces around it ignored, any case.
    pub fn parse(text: &str) -> Result<JoinCode, IdError> {
        let code = text.trim().to_ascii_uppercase();
        let fits = (4..=6).contains(&code.len()) && code.bytes().all(|b| CODE_ALPHABET.contains(&b));
        if fits { Ok(JoinCode(code)) } else { Err(IdError::Code) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for JoinCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A student's id, made by their browser and kept in its storage.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StudentId(String);

impl StudentId {
    pub fn parse(text: &str) -> Result<StudentId, IdError> {
        let fits =
            (8..=64).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if fits { Ok(StudentId(text.to_string())) } else { Err(IdError::Student) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A nickname: shown nowhere but the teacher's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nickname(String);

impl Nickname {
    /// Trimmed; empty means none. Control, bidi-override and zero-width characters are
    /// refused, so the record reads as it was typed.
    pub fn parse(text: &str) -> Result<Option<Nickname>, IdError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let printable = |c: char| {
            !c.is_control()
                && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
        };
        if text.chars().count() > MAX_NICKNAME_CHARS || !text.chars().all(printable) {
            return Err(IdError::Nickname);
        }
        Ok(Some(Nickname(text.to_string())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The teacher's secret: 256 random bits as 64 hex digits, never in the join link.
#[derive(Clone, PartialEq, Eq)]
pub struct TeacherToken(String);

impl TeacherToken {
    pub fn from_random(bytes: [u8; 32]) -> TeacherToken {
        TeacherToken(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Compares in time that does not depend on where the texts differ.
    pub fn matches(&self, text: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), text.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

impl std::fmt::Debug for TeacherToken {
    /// Never printed: a log line must not hand out the room.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TeacherToken(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_as_typed_and_only_from_the_alphabet() {
        let code = JoinCode::from_random([0, 30, 31, 255, 100]);
        assert_eq!(code.as_str(), "A9AHH", "0, 30, 31 % 31, 255 % 31 and 100 % 31 of 31 characters");
        assert_eq!(JoinCode::parse(" k7mq "), Ok(JoinCode("K7MQ".into())));
        for bad in ["ABC", "ABCDEFG", "AB0D", "AB D", "ÄBCD", ""] {
            assert_eq!(JoinCode::parse(bad), Err(IdError::Code), "{bad:?}");
        }
    }

    #[test]
    fn student_ids_and_nicknames_are_bounded() {
        assert!(StudentId::parse("a1b2c3d4").is_ok());
        assert!(StudentId::parse(&"x".repeat(64)).is_ok());
        for bad in ["short", &"x".repeat(65), "has space1", "quote\"1234", "émilie123"] {
            assert_eq!(StudentId::parse(bad), Err(IdError::Student), "{bad:?}");
        }
        assert_eq!(Nickname::parse("  "), Ok(None));
        assert_eq!(Nickname::parse(" Zoë ").map(|n| n.map(|n| n.0)), Ok(Some("Zoë".into())));
        assert!(Nickname::parse(&"é".repeat(24)).is_ok(), "24 characters, 48 bytes");
        for bad in ["a".repeat(25), "tab\there".into(), "rtl\u{202E}x".into(), "zw\u{200B}j".into()] {
            assert_eq!(Nickname::parse(&bad), Err(IdError::Nickname), "{bad:?}");
        }
    }

    #[test]
    fn a_token_is_256_bits_of_hex_and_hides_itself() {
        let token = TeacherToken::from_random([0xab; 32]);
        assert_eq!(token.as_str().len(), 64);
        assert!(token.matches(&"ab".repeat(32)));
        assert!(!token.matches(&"ab".repeat(31)) && !token.matches(&format!("{}ac", "ab".repeat(31))));
        assert_eq!(format!("{token:?}"), "TeacherToken(…)");
    }
}
