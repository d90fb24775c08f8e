//! Names for the files klscope writes, made from a scenario's id.

/// `id` made safe as a file name on every system: letters, digits, '-' and '_' stay,
/// everything else becomes '-'; an empty id becomes "scenario".
pub fn safe_stem(id: &str) -> String {
    let stem: String = id.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    if stem.is_empty() { "scenario".to_string() } else { stem }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_safe_file_names() {
        assert_eq!(safe_stem("movie-genres"), "movie-genres");
        assert_eq!(safe_stem("a b/c\\\\d:e"), "a-b-c--d-e");
        assert_eq!(safe_stem("würfel_2"), "würfel_2");
        assert_eq!(safe_stem(""), "scenario");
    }
}
