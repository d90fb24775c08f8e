//! The app's state as JSON, for a lesson page that embeds klscope and for the browser
//! test: the scenario, every measure in the shown unit, the zero rule and the last message.

use serde_json::{Value, json};

use super::KlApp;
use crate::export::json::report_object;
use crate::info::Measure;
use crate::lesson::Scene;

impl KlApp {
    pub fn summary(&self) -> Value {
        let (doc, a) = (&self.state.doc, &self.analysis);
        let mut object = report_object(doc.labels(), &a.p, &a.q, &a.report, self.state.unit);
        object.insert("id".into(), json!(doc.id));
        object.insert("title".into(), json!(doc.title));
        object.insert("description".into(), json!(doc.description));
        object.insert("zero_rule".into(), json!(doc.zero_rule.describe()));
        object.insert("view".into(), json!(self.state.view));
        // A page must not tell what a pending lesson question hides: the measures it
        // hides, and a column of terms that adds up to one or holds a number near a number
        // question's answer.
        let concealed = self.concealed();
        for measure in Measure::ALL.into_iter().filter(|m| concealed.hides(*m)) {
            object.insert(measure.json_key().into(), Value::Null);
        }
        for (measure, key) in [(Measure::KlPQ, "terms_pq"), (Measure::KlQP, "terms_qp")] {
            let near = || match object.get(key) {
                Some(Value::Array(terms)) => concealed.hides_any(terms.iter().filter_map(Value::as_f64)),
                _ => false,
            };
            if concealed.hides_terms(measure) || near() {
                object.insert(key.into(), Value::Null);
            }
        }
        // The student's own answer and whether it was right, once given (never the right
        // answer before it is out).
        let scene = Scene { labels: doc.labels(), p: &a.p, q: &a.q, report: &a.report, unit: self.state.unit };
        let lesson = self.lesson.as_ref().map(|run| {
            let verdict = run.verdict(&scene);
            let answer = verdict.as_ref().and_then(|v| v.student_answer.clone());
            let correct = verdict.as_ref().and_then(|v| v.correct);
            json!({ "title": run.lesson.title, "step": run.step_index() + 1, "steps": run.len(),
                    "pending": run.is_pending(), "answer": answer, "correct": correct })
        });
        object.insert("lesson".into(), lesson.unwrap_or(Value::Null));
        object.insert("presenting".into(), json!(self.presenting));
        let status = self.status.as_ref().map(|s| json!({ "text": s.text, "is_error": s.is_error }));
        object.insert("status".into(), status.unwrap_or(Value::Null));
        Value::Object(object)
    }
}
