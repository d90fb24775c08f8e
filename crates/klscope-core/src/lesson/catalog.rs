//! The built-in lessons: `lessons/*.ron`, compiled into the binary.

use super::{Lesson, LessonError};

/// (id, RON text). The id is the file stem; a test checks that every file is listed.
const LESSONS: &[(&str, &str)] = &[
    ("surprise-and-entropy", include_str!("../../../../lessons/surprise-and-entropy.ron")),
    ("cost-of-the-wrong-model", include_str!("../../../../lessons/cost-of-the-wrong-model.ron")),
    ("asymmetry", include_str!("../../../../lessons/asymmetry.ron")),
    ("when-kl-blows-up", include_str!("../../../../lessons/when-kl-blows-up.ron")),
    ("beyond-kl", include_str!("../../../../lessons/beyond-kl.ron")),
    ("sums-to-integrals", include_str!("../../../../lessons/sums-to-integrals.ron")),
];

/// The ids of the built-in lessons, in teaching order.
pub fn builtin_lesson_ids() -> impl Iterator<Item = &'static str> {
    LESSONS.iter().map(|(id, _)| *id)
}

/// Every built-in lesson that loads (all of them do; a test makes sure), loaded once.
pub fn builtin_lessons() -> &'static [Lesson] {
    static LOADED: std::sync::OnceLock<Vec<Lesson>> = std::sync::OnceLock::new();
    LOADED.get_or_init(|| builtin_lesson_ids().filter_map(|id| find_builtin_lesson(id).ok()).collect())
}

/// One built-in lesson by id. Its scenarios are built-in or inline: it has no folder.
pub fn find_builtin_lesson(id: &str) -> Result<Lesson, LessonError> {
    let Some((id, text)) = LESSONS.iter().find(|(known, _)| *known == id) else {
        return Err(LessonError::UnknownLesson {
            name: id.to_string(),
            known: builtin_lesson_ids().collect::<Vec<_>>().join(", "),
        });
    };
    Lesson::from_ron(text, &format!("lessons/{id}.ron"), None)
}

/// A built-in id, or else a path to a lesson `.ron` file.
pub fn resolve_lesson(id_or_path: &str) -> Result<Lesson, LessonError> {
    #[cfg(not(target_arch = "wasm32"))]
    if crate::scenario::names_a_file(id_or_path, builtin_lesson_ids()) {
        return super::load(std::path::Path::new(id_or_path));
    }
    find_builtin_lesson(id_or_path)
}
