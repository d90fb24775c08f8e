//! Lesson files: the built-in lessons, scenarios from files and inline, and every way a
//! lesson can be wrong (each with the exact message it must give).

use klscope_core::info::{Measure, Side, Unit};
use klscope_core::lesson::{
    self, Answer, BEYOND_MEASURES, Choice, Goal, Lesson, Prediction, Relation, Scene, Task, VIEW_IDS,
};
use klscope_core::scenario;
use std::fmt::Write as _;
use std::path::Path;

/// The folder of malformed lessons, relative to the package root.
const BAD: &str = "../../tests/data/bad_lessons";

/// (file in tests/data/bad_lessons, the whole message). `{views}`, `{measures}` and
/// `{presets}` stand for the lists the message ends with.
const BAD_LESSONS: &[(&str, &str)] = &[
    // Syntax, with ron's position; in a step, the step too.
    ("syntax.ron", "../../tests/data/bad_lessons/syntax.ron:3:5: Expected comma"),
    ("bom_syntax.ron", "../../tests/data/bad_lessons/bom_syntax.ron:4:45: step 1: Expected comma"),
    (
        "unknown_field.ron",
        "../../tests/data/bad_lessons/unknown_field.ron:4:75: step 1: Unexpected field named `colour` in `Step`, expected one of `scenario`, `view`, `say`, `task`, `roles`, or `focus` instead",
    ),
    (
        "missing_say.ron",
        "../../tests/data/bad_lessons/missing_say.ron:4:59: step 1: Unexpected missing field named `say` in `Step`",
    ),
    (
        "unknown_prediction.ron",
        "../../tests/data/bad_lessons/unknown_prediction.ron:9:27: step 2: Unexpected variant named `Biggest` in enum `Prediction`, expected one of `Larger`, `TopContributor`, `Estimate`, or `StaysMeaningful` instead",
    ),
    (
        "inline_missing_p.ron",
        "../../tests/data/bad_lessons/inline_missing_p.ron:6:101: step 2: Unexpected missing field named `p` in `Scenario`",
    ),
    (
        "focus_without_q.ron",
        "../../tests/data/bad_lessons/focus_without_q.ron:10:42: step 2: the step is about P alone (`focus: P`, or a scenario without `q`) but its task asks about KL(P||Q), which needs Q: ask about H(P), or write `focus: Both`",
    ),
    ("bad_roles.ron", "../../tests/data/bad_lessons/bad_roles.ron:4:82: step 1: `roles`: the name of Q is empty"),
    // The lesson as a whole.
    (
        "empty_title.ron",
        "../../tests/data/bad_lessons/empty_title.ron:2:12: the title is empty: every lesson needs a title",
    ),
    (
        "empty_steps.ron",
        "../../tests/data/bad_lessons/empty_steps.ron:3:12: the lesson has no steps: write at least one Step(..) in `steps`",
    ),
    // A step's view, text and scenario.
    (
        "unknown_view.ron",
        "../../tests/data/bad_lessons/unknown_view.ron:7:19: step 2: unknown view 'plot': the views are {views}",
    ),
    (
        "bom_unknown_view.ron",
        "../../tests/data/bad_lessons/bom_unknown_view.ron:7:19: step 2: unknown view 'histogram': the views are {views}",
    ),
    (
        "empty_say.ron",
        "../../tests/data/bad_lessons/empty_say.ron:8:18: step 2: `say` is empty: write one or two sentences for the teacher to read aloud",
    ),
    (
        "unknown_preset.ron",
        "../../tests/data/bad_lessons/unknown_preset.ron:6:23: step 2: unknown preset 'fair-coins': the built-in scenarios are {presets}",
    ),
    (
        "missing_file.ron",
        "../../tests/data/bad_lessons/missing_file.ron:6:23: step 2: cannot read ../../tests/data/bad_lessons/nowhere.ron: no such file or folder",
    ),
    (
        "file_malformed.ron",
        "../../tests/data/bad_lessons/file_malformed.ron:6:23: step 2: ../../tests/data/bad_lessons/scenarios/broken.ron:4:22: Expected comma",
    ),
    (
        "inline_sum.ron",
        "../../tests/data/bad_lessons/inline_sum.ron:6:23: step 2: p sums to 0.9 in the inline scenario 'coin': probabilities must sum to 1 (within 1e-9)",
    ),
    // Predictions.
    (
        "unknown_measure.ron",
        "../../tests/data/bad_lessons/unknown_measure.ron:9:34: step 2: unknown measure 'KL': the measures are {asked}",
    ),
    (
        "unknown_order.ron",
        "../../tests/data/bad_lessons/unknown_order.ron:9:45: step 2: unknown measure 'D_-1(P||Q)': the measures are {asked}",
    ),
    (
        "meaningful_one.ron",
        "../../tests/data/bad_lessons/meaningful_one.ron:9:19: step 2: StaysMeaningful needs two to four measures to choose from, not 1",
    ),
    (
        "meaningful_twice.ron",
        "../../tests/data/bad_lessons/meaningful_twice.ron:9:19: step 2: StaysMeaningful names W₁(P,Q) twice: name each measure once",
    ),
    (
        "larger_same_measure.ron",
        "../../tests/data/bad_lessons/larger_same_measure.ron:9:19: step 2: Larger compares KL(P||Q) with itself: name two different measures",
    ),
    (
        "top_contributor_js.ron",
        "../../tests/data/bad_lessons/top_contributor_js.ron:9:42: step 2: TopContributor asks about JS(P,Q), which is not a sum of one term per outcome: use one of KL(P||Q), KL(Q||P), H(P), H(Q), H(P,Q), H(Q,P)",
    ),
    (
        "top_contributor_many.ron",
        "../../tests/data/bad_lessons/top_contributor_many.ron:9:19: step 2: TopContributor offers one button per outcome, at most 12, but the scenario 'mode-seeking' has 20 outcomes: ask Larger or Estimate instead",
    ),
    (
        "negative_tolerance.ron",
        "../../tests/data/bad_lessons/negative_tolerance.ron:9:19: step 2: `within` is -0.1: the tolerance must be a positive, finite number",
    ),
    // Goals.
    (
        "below_and_above.ron",
        "../../tests/data/bad_lessons/below_and_above.ron:9:19: step 2: the goal has both `below` and `above`: give exactly one",
    ),
    (
        "goal_without_target.ron",
        "../../tests/data/bad_lessons/goal_without_target.ron:9:19: step 2: the goal has neither `below` nor `above`: give exactly one, e.g. below: 0.1",
    ),
    (
        "goal_already_met.ron",
        "../../tests/data/bad_lessons/goal_already_met.ron:9:19: step 2: the goal is met before the student moves anything: KL(P||Q) is already 0.05293 bits in 'biased-coin-vs-slightly-biased', below the target 0.1 bits",
    ),
    (
        "goal_unreachable.ron",
        "../../tests/data/bad_lessons/goal_unreachable.ron:9:19: step 2: the goal cannot be reached: JS(P,Q) is at most 1 bits here, so it cannot be above 1.5 bits",
    ),
    (
        "goal_on_kept_side.ron",
        "../../tests/data/bad_lessons/goal_on_kept_side.ron:9:19: step 2: the goal cannot be reached: H(P) depends only on P, which the goal keeps as it is",
    ),
    // With P kept (0.9, 0.1), Q can take TV only to 1 − 0.1, H(P,Q) no lower than H(P),
    // and H(Q,P) no higher than −log₂ 0.1.
    (
        "goal_tv_kept.ron",
        "../../tests/data/bad_lessons/goal_tv_kept.ron:9:19: step 2: the goal cannot be reached: TV(P,Q) is at most 0.9 while P is kept as it is, so it cannot be above 0.95",
    ),
    (
        "goal_cross_entropy_kept.ron",
        "../../tests/data/bad_lessons/goal_cross_entropy_kept.ron:9:19: step 2: the goal cannot be reached: H(P,Q) is at least 0.469 bits while P is kept as it is, so it cannot be below 0.4 bits",
    ),
    // Densities steps: their scenarios, and the tasks that have nothing to be judged on.
    (
        "inline_densities_weights.ron",
        "../../tests/data/bad_lessons/inline_densities_weights.ron:6:23: step 2: p's weights sum to 0.9 in the inline scenario 'bells': they must sum to 1 (within 1e-9)",
    ),
    (
        "inline_densities_field.ron",
        "../../tests/data/bad_lessons/inline_densities_field.ron:6:91: step 2: Unexpected field named `sigma` in `Normal`, expected one of `mean`, `sd`, or `weight` instead",
    ),
    (
        "file_densities_invalid.ron",
        "../../tests/data/bad_lessons/file_densities_invalid.ron:5:24: step 2: p[0] (uniform) has high -1 in ../../tests/data/bad_lessons/scenarios/broken-densities.ron: a uniform's high end must be above its low end (and the width finite)",
    ),
    (
        "densities_goal.ron",
        "../../tests/data/bad_lessons/densities_goal.ron:9:19: step 2: the step shows densities, which have no goal to check while the student drags: ask Larger or Estimate",
    ),
    (
        "densities_top_contributor.ron",
        "../../tests/data/bad_lessons/densities_top_contributor.ron:9:19: step 2: the step shows densities, which have no outcomes to choose from: ask Larger or Estimate",
    ),
    (
        "densities_chi_square.ron",
        "../../tests/data/bad_lessons/densities_chi_square.ron:9:46: step 2: χ²(P||Q) is not integrated for densities: on a densities step ask about one of H(P), H(Q), H(P,Q), H(Q,P), KL(P||Q), KL(Q||P), JS(P,Q), √JS, TV(P,Q), Hel(P,Q)",
    ),
    (
        "goal_reverse_cross_entropy_kept.ron",
        "../../tests/data/bad_lessons/goal_reverse_cross_entropy_kept.ron:9:19: step 2: the goal cannot be reached: H(Q,P) is at most 3.322 bits while P is kept as it is, so it cannot be above 3.5 bits",
    ),
];

fn expected_message(template: &str) -> String {
    let symbols: Vec<&str> = Measure::ALL.iter().map(|m| m.symbol()).collect();
    let keys: Vec<&str> = Measure::ALL.iter().map(|m| m.json_key()).collect();
    template
        .replace("{views}", &VIEW_IDS.join(", "))
        .replace(
            "{presets}",
            &scenario::builtin_ids().chain(scenario::builtin_densities_ids()).collect::<Vec<_>>().join(", "),
        )
        .replace("{measures}", &format!("{} (or their keys {})", symbols.join(", "), keys.join(", ")))
        .replace(
            "{asked}",
            &format!("{} (or their keys {}), or {}", symbols.join(", "), keys.join(", "), BEYOND_MEASURES),
        )
}

#[test]
fn every_bad_lesson_gives_its_own_message() {
    let mut failures = String::new();
    for (name, template) in BAD_LESSONS {
        let expected = expected_message(template);
        match lesson::load(&Path::new(BAD).join(name)) {
            Ok(_) => writeln!(failures, "{name}: loaded, but should have failed").unwrap(),
            Err(error) if error.to_string() != expected => {
                writeln!(failures, "{name}:\n    expected {expected:?}\n    got      {:?}", error.to_string()).unwrap();
            }
            Err(_) => {}
        }
    }
    assert!(failures.is_empty(), "bad lessons gave the wrong messages:\n{failures}");
}

#[test]
fn the_bad_lesson_table_covers_every_file_in_the_folder() {
    let mut files: Vec<String> = std::fs::read_dir(BAD)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".ron"))
        .collect();
    files.sort();
    let mut listed: Vec<String> = BAD_LESSONS.iter().map(|(name, _)| name.to_string()).collect();
    listed.sort();
    assert_eq!(files, listed, "every file in {BAD} has a row in BAD_LESSONS, and every row a file");
    assert!(files.len() >= 14);
}

#[test]
fn a_step_error_says_which_step() {
    let error = lesson::load(&Path::new(BAD).join("unknown_view.ron")).unwrap_err();
    assert_eq!(error.step(), Some(2));
    let error = lesson::load(&Path::new(BAD).join("empty_steps.ron")).unwrap_err();
    assert_eq!(error.step(), None);
}

#[test]
fn a_lesson_that_cannot_be_read_says_why() {
    let missing = lesson::load(Path::new("../../tests/data/no-such-lesson.ron")).unwrap_err().to_string();
    assert_eq!(missing, "cannot read ../../tests/data/no-such-lesson.ron: no such file or folder");
    let folder = lesson::load(Path::new(BAD)).unwrap_err().to_string();
    assert_eq!(folder, "cannot read ../../tests/data/bad_lessons: it is a folder, not a lesson file");
}

// ---------------------------------------------------------------------------------------
// The built-in lessons
// ---------------------------------------------------------------------------------------

#[test]
fn every_builtin_lesson_loads_and_teaches_in_order() {
    let ids: Vec<&str> = lesson::builtin_lesson_ids().collect();
    assert_eq!(
        ids,
        [
            "surprise-and-entropy",
            "cost-of-the-wrong-model",
            "asymmetry",
            "when-kl-blows-up",
            "beyond-kl",
            "sums-to-integrals"
        ]
    );
    assert_eq!(lesson::builtin_lessons().len(), ids.len(), "every built-in lesson loads");
    for id in ids {
        let lesson = lesson::find_builtin_lesson(id).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(lesson.id, id);
        assert!((4..=7).contains(&lesson.steps.len()), "{id}: 4 to 7 steps, has {}", lesson.steps.len());
        for (index, step) in lesson.steps.iter().enumerate() {
            let sentences = step.text.matches(". ").count() + 1;
            assert!(sentences <= 2, "{id} step {}: one or two sentences, found {sentences}", index + 1);
            assert!(step.text.ends_with(['.', '?', '!']), "{id} step {}: a whole sentence", index + 1);
            if matches!(step.task, Some(Task::Predict(_))) {
                assert!(index + 1 < lesson.steps.len(), "{id}: a prediction is followed by the step that explains it");
            }
        }
    }
}

#[test]
fn the_builtin_lessons_ask_every_kind_of_task() {
    let tasks: Vec<&Task> =
        lesson::builtin_lessons().iter().flat_map(|l| &l.steps).filter_map(|step| step.task.as_ref()).collect();
    let has = |kind: fn(&Task) -> bool| tasks.iter().any(|task| kind(task));
    assert!(has(|t| matches!(t, Task::Predict(Prediction::Larger { .. }))), "a Larger prediction");
    assert!(has(|t| matches!(t, Task::Predict(Prediction::TopContributor { .. }))), "a TopContributor prediction");
    assert!(has(|t| matches!(t, Task::Predict(Prediction::Estimate { .. }))), "an Estimate prediction");
    assert!(has(|t| matches!(t, Task::Predict(Prediction::StaysMeaningful { .. }))), "a StaysMeaningful prediction");
    let beyond =
        |t: &&Task| matches!(t, Task::Predict(Prediction::Estimate { measure: lesson::Asked::Wasserstein1, .. }));
    assert!(tasks.iter().any(beyond), "an estimate of W₁");
    assert!(has(|t| matches!(t, Task::Goal(_))), "a goal");
    let views: Vec<&str> =
        lesson::builtin_lessons().iter().flat_map(|l| &l.steps).map(|step| step.view.as_str()).collect();
    for view in ["plots", "coding", "fit", "simplex"] {
        assert!(views.contains(&view), "some step shows the {view} view");
    }
    let simplex = lesson::builtin_lessons().iter().flat_map(|l| &l.steps).find(|step| step.view == "simplex").unwrap();
    assert_eq!(simplex.discrete().unwrap().labels.len(), 3, "the simplex view needs three outcomes");
}

#[test]
fn an_infinite_kl_is_larger_than_a_finite_one_not_equal() {
    let s = scenario::find_builtin("support-mismatch").unwrap();
    let report = klscope_core::info::Report::compute(&s.p, &s.q);
    let scene = Scene::discrete(&s.labels, &s.p, &s.q, &report, Unit::Bits);
    let larger = Prediction::Larger { first: Measure::KlPQ.into(), second: Measure::KlQP.into() };
    let verdict = larger.judge(Some(Answer::Chose(Choice::Measure(Measure::KlPQ.into()))), &scene);
    assert_eq!(verdict.correct, Some(true), "{verdict:?}");
    assert_eq!(verdict.right_answer, "KL(P||Q)");
    let verdict = larger.judge(Some(Answer::Chose(Choice::Equal)), &scene);
    assert_eq!(verdict.correct, Some(false), "{verdict:?}");
    // Two infinities are equal.
    let both = Prediction::Larger { first: Measure::KlPQ.into(), second: Measure::CrossEntropyPQ.into() };
    assert_eq!(both.judge(None, &scene).right_answer, "They are equal");
}

/// The entropy lesson is about P alone in every step; a step's `roles` and `focus` win
/// over its scenario's.
#[test]
fn the_entropy_lesson_is_about_p_alone_and_steps_may_name_the_sides() {
    let entropy = lesson::find_builtin_lesson("surprise-and-entropy").unwrap();
    for (k, step) in entropy.steps.iter().enumerate() {
        assert_eq!(step.discrete().unwrap().focus, scenario::Focus::P, "step {}", k + 1);
    }
    let text = r#"Lesson(title: "T", steps: [Step(scenario: Builtin("biased-coin-vs-fair"), view: "plots", say: "Look.", roles: ("teacher", "student"), focus: P)])"#;
    let step = &Lesson::from_ron(text, "t.ron", None).unwrap().steps[0];
    assert_eq!(step.discrete().unwrap().roles, scenario::Roles::new("teacher", "student"));
    assert_eq!(step.discrete().unwrap().focus, scenario::Focus::P);
}

#[test]
fn three_sixes_are_three_times_as_surprising_as_one() {
    let three = scenario::find_builtin("three-sixes-in-a-row").unwrap();
    let one_six = -(1.0f64 / 6.0).log2();
    let three_sixes = -three.p[0].log2();
    assert!((three_sixes - 3.0 * one_six).abs() < 1e-12, "{three_sixes} vs 3 × {one_six}");
}

#[test]
fn every_lesson_file_is_built_in_under_its_file_stem() {
    let ids: Vec<&str> = lesson::builtin_lesson_ids().collect();
    let mut stems: Vec<String> = std::fs::read_dir("../../lessons")
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.strip_suffix(".ron").map(str::to_string))
        .collect();
    stems.sort();
    let mut sorted: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
    sorted.sort();
    assert_eq!(sorted, stems, "builtin_lesson_ids() and lessons/*.ron list the same lessons");
    for id in ids {
        let from_file = lesson::load(&Path::new("../../lessons").join(format!("{id}.ron"))).unwrap();
        assert_eq!(from_file, lesson::find_builtin_lesson(id).unwrap(), "{id}: the file and the built-in agree");
    }
}

#[test]
fn resolve_takes_an_id_or_a_path() {
    let by_id = lesson::resolve_lesson("asymmetry").unwrap();
    assert_eq!(lesson::resolve_lesson("../../lessons/asymmetry.ron").unwrap(), by_id);
    let unknown = lesson::resolve_lesson("asymetry").unwrap_err().to_string();
    assert_eq!(
        unknown,
        "unknown lesson 'asymetry': the built-in lessons are surprise-and-entropy, cost-of-the-wrong-model, asymmetry, when-kl-blows-up, beyond-kl, sums-to-integrals"
    );
}

// ---------------------------------------------------------------------------------------
// Scenarios from files and inline
// ---------------------------------------------------------------------------------------

#[test]
fn a_file_scenario_is_read_from_the_lessons_own_folder() {
    let lesson = lesson::load(Path::new("../../tests/data/lessons/with-file.ron")).unwrap();
    assert_eq!((lesson.id.as_str(), lesson.title.as_str()), ("with-file", "A lesson with its own scenarios"));
    let from_file = scenario::load(Path::new("../../tests/data/lessons/scenarios/loaded-coin.ron")).unwrap();
    assert_eq!(lesson.steps[0].discrete(), Some(&from_file));
    // A left-out unit is the scenario's.
    let estimate = Prediction::Estimate { measure: Measure::KlPQ.into(), unit: Unit::Nats, tolerance: 0.01 };
    assert_eq!(lesson.steps[0].task, Some(Task::Predict(estimate)));
    let goal =
        Goal { measure: Measure::KlPQ, relation: Relation::Below, target: 0.01, unit: Unit::Bits, keep: Some(Side::P) };
    assert_eq!(lesson.steps[1].task, Some(Task::Goal(goal)));
    assert_eq!(lesson.steps[1].discrete().unwrap().q, vec![1.0 / 3.0; 3], "inline logits give their softmax");

    // The same lesson read from text: its folder must be given for File(..).
    let text = std::fs::read_to_string("../../tests/data/lessons/with-file.ron").unwrap();
    let here = Lesson::from_ron(&text, "with-file.ron", Some(Path::new("../../tests/data/lessons"))).unwrap();
    assert_eq!(here, lesson);
    let nowhere = Lesson::from_ron(&text, "with-file.ron", None).unwrap_err().to_string();
    assert_eq!(
        nowhere,
        "with-file.ron:6:23: step 1: the scenario File(\"scenarios/loaded-coin.ron\") cannot be read: this lesson was not read from a folder, so give the scenario as Builtin(..) or Inline(..)"
    );
}

#[test]
fn an_inline_scenario_round_trips() {
    for original in scenario::builtin().iter().filter(|s| s.labels.len() <= 50) {
        let inline = original.to_ron().unwrap();
        let text = format!(
            "Lesson(title: \"Inline\", steps: [Step(scenario: Inline({inline}), view: \"table\", say: \"Look.\")])"
        );
        let lesson = Lesson::from_ron(&text, "inline.ron", None).unwrap_or_else(|e| panic!("{}: {e}", original.id));
        assert_eq!(lesson.steps[0].discrete(), Some(original), "{} written inline reads back the same", original.id);
    }
}

#[test]
fn measures_may_be_written_as_keys_and_options_bare_or_in_some() {
    let text = "\u{feff}Lesson(title: \"T\", steps: [
        Step(scenario: Builtin(\"movie-genres\"), view: \"plots\", say: \"A.\", task: Some(Predict(Larger(\"KL_PQ\", \"kl(q || p)\")))),
        Step(scenario: Builtin(\"movie-genres\"), view: \"plots\", say: \"B.\", task: Goal(measure: \"js\", above: 0.2, keep: Some(Q))),
        Step(scenario: Builtin(\"movie-genres\"), view: \"plots\", say: \"C.\", task: None),
    ])";
    let lesson = Lesson::from_ron(text, "keys.ron", None).unwrap();
    let larger = Prediction::Larger { first: Measure::KlPQ.into(), second: Measure::KlQP.into() };
    assert_eq!(lesson.steps[0].task, Some(Task::Predict(larger)));
    let goal =
        Goal { measure: Measure::Js, relation: Relation::Above, target: 0.2, unit: Unit::Bits, keep: Some(Side::Q) };
    assert_eq!(lesson.steps[1].task, Some(Task::Goal(goal)));
    assert_eq!(lesson.steps[2].task, None);
}

// ---------------------------------------------------------------------------------------
// Densities steps
// ---------------------------------------------------------------------------------------

/// The measures of a step's densities, as the app and the classroom judge them.
fn density_report(step: &lesson::Step) -> klscope_core::info::density::DensityReport {
    let densities = step.densities().expect("a densities step");
    klscope_core::info::density::DensityReport::compute(&densities.p, &densities.q, Default::default())
}

#[test]
fn a_densities_step_comes_from_a_file_a_builtin_or_inline_and_is_judged_from_its_integrals() {
    let lesson = lesson::load(Path::new("../../tests/data/lessons/with-densities.ron")).unwrap();
    let ids: Vec<&str> = lesson.steps.iter().map(|s| s.scenario.id()).collect();
    assert_eq!(ids, ["wide-bells", "narrow-uniform-model", "laplace-pair"]);
    assert!(lesson.steps.iter().all(|s| s.discrete().is_none() && s.labels().is_empty()));
    let from_file = scenario::load_any(Path::new("../../tests/data/lessons/scenarios/wide-bells.ron")).unwrap();
    assert_eq!(lesson.steps[0].scenario, from_file);

    // N(0, 2²) against N(1, 2²): ½(Δμ/σ)² = ½(1/2)² = 0.125 nats, in the file's unit.
    let step = &lesson.steps[0];
    let report = density_report(step);
    let scene = Scene::densities(&report, Unit::Nats);
    let Some(Task::Predict(estimate)) = &step.task else { panic!("an estimate") };
    assert_eq!(estimate, &Prediction::Estimate { measure: Measure::KlPQ.into(), unit: Unit::Nats, tolerance: 0.01 });
    assert_eq!(estimate.judge(Some(Answer::Number(0.13)), &scene).correct, Some(true));
    assert_eq!(estimate.judge(Some(Answer::Number(0.14)), &scene).correct, Some(false));
    assert_eq!(estimate.judge(None, &scene).right_answer, "KL(P||Q) = 0.1250 nats");
    let hidden = estimate.conceals(&scene);
    assert!(hidden.hides(Measure::KlPQ) && hidden.hides(Measure::CrossEntropyPQ), "{:?}", hidden.measures());
    assert!(hidden.hides(Measure::KlQP), "KL(Q||P) = 0.125 too: the bells have one width");
    assert!(hidden.hides_number(0.1249) && !hidden.hides_number(0.2));

    // A uniform model: KL(P||Q) is ∞, named by the interval P has and Q has not.
    let step = &lesson.steps[1];
    let report = density_report(step);
    let scene = Scene::densities(&report, Unit::Bits);
    let Some(Task::Predict(larger)) = &step.task else { panic!("a choice") };
    let verdict = larger.judge(Some(Answer::Chose(Choice::Measure(Measure::KlPQ.into()))), &scene);
    assert_eq!((verdict.correct, verdict.right_answer.as_str()), (Some(true), "KL(P||Q)"));
    assert!(verdict.why.contains("KL(P||Q) is infinite because P has mass on (−∞, -2]"), "{}", verdict.why);
    assert!(larger.choices(step.labels()).len() == 3);

    // Laplace(0, 1): H = 1 + ln 2 nats.
    let step = &lesson.steps[2];
    let report = density_report(step);
    let scene = Scene::densities(&report, Unit::Bits);
    let Some(Task::Predict(entropy)) = &step.task else { panic!("an estimate") };
    let truth = 1.0 + std::f64::consts::LN_2;
    assert_eq!(entropy.judge(Some(Answer::Number(truth + 0.04)), &scene).correct, Some(true));
    assert_eq!(entropy.judge(Some(Answer::Number(truth + 0.06)), &scene).correct, Some(false));
    // The screen in bits: H(P) in bits is hidden as the same amount of information.
    assert!(entropy.conceals(&scene).hides_number(truth / std::f64::consts::LN_2));
}

#[test]
fn the_densities_lesson_steps_through_bins_bells_the_elbo_and_two_modes() {
    let lesson = lesson::find_builtin_lesson("sums-to-integrals").unwrap();
    assert_eq!(lesson.title, "From sums to integrals, and the ELBO");
    assert!(lesson.steps.iter().all(|s| s.densities().is_some()), "every step shows densities");
    let predictions = lesson.steps.iter().filter(|s| matches!(s.task, Some(Task::Predict(_)))).count();
    assert!(predictions >= 2, "asks before telling: {predictions} predictions");
    let ids: Vec<&str> = lesson.steps.iter().map(|s| s.scenario.id()).collect();
    assert!(ids.contains(&"vi-conjugate") && ids.contains(&"bimodal-posterior"), "{ids:?}");
    // Step 2: two bells two standard deviations apart, KL = ½·2² = 2 nats.
    let step = &lesson.steps[1];
    let report = density_report(step);
    let Some(Task::Predict(estimate)) = &step.task else { panic!("step 2 asks for a number") };
    let verdict = estimate.judge(Some(Answer::Number(2.0)), &Scene::densities(&report, Unit::Nats));
    assert_eq!(verdict.correct, Some(true), "{verdict:?}");
    assert_eq!(verdict.right_answer, "KL(P||Q) = 2.000 nats");
    assert!(verdict.why.ends_with("here an integral over x instead of a sum over outcomes."), "{}", verdict.why);
    // Step 4: a model half as wide: KL(P||Q) = ln ½ + 2 − ½ ≈ 0.807 > KL(Q||P) = ln 2 + ⅛ − ½ ≈ 0.318.
    let step = &lesson.steps[3];
    let report = density_report(step);
    let Some(Task::Predict(larger)) = &step.task else { panic!("step 4 asks which is larger") };
    let verdict = larger.judge(None, &Scene::densities(&report, Unit::Nats));
    assert_eq!(verdict.right_answer, "KL(P||Q)");
}
