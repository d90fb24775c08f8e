//! The app's state as JSON, for a lesson page that embeds klscope and for the browser
//! test: the scenario, every measure in the shown unit, the zero rule and the last message.

use serde_json::{Value, json};

use super::KlApp;
use super::model::classroom::{Classroom, Link};
use crate::export::json::{density_report_object, report_object};
use crate::info::Measure;

impl KlApp {
    pub fn summary(&self) -> Value {
        if let Some(object) = self.densities_summary() {
            return object;
        }
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
        self.add_session(&mut object);
        Value::Object(object)
    }

    /// The lesson's place, presentation mode and the last message.
    fn add_session(&self, object: &mut serde_json::Map<String, Value>) {
        // The student's own answer and whether it was right, once given (never the right
        // answer before it is out).
        let scene = self.scene();
        let lesson = self.lesson.as_ref().map(|run| {
            let verdict = run.verdict(&scene);
            let answer = verdict.as_ref().and_then(|v| v.student_answer.clone());
            let correct = verdict.as_ref().and_then(|v| v.correct);
            json!({ "title": run.lesson.title, "step": run.step_index() + 1, "steps": run.len(),
                    "pending": run.is_pending(), "answer": answer, "correct": correct })
        });
        object.insert("lesson".into(), lesson.unwrap_or(Value::Null));
        object.insert("presenting".into(), json!(self.presenting));
        object.insert("classroom".into(), self.classroom.as_ref().map_or(Value::Null, classroom_summary));
        let status = self.status.as_ref().map(|s| json!({ "text": s.text, "is_error": s.is_error }));
        object.insert("status".into(), status.unwrap_or(Value::Null));
    }

    /// While the densities screen shows: its scenario as specs ("normal(0, 1)") and its
    /// measures in the shown unit, as `klscope compute` prints them, each with its error
    /// bound (`kl_pq_error`); what a pending question hides is null.
    fn densities_summary(&self) -> Option<Value> {
        let doc = self.state.densities.as_ref()?;
        let report = self.density_report()?;
        let mut object = density_report_object(doc.p(), doc.q(), report, self.state.unit);
        object.insert("kind".into(), json!("densities"));
        object.insert("id".into(), json!(doc.scenario.id));
        object.insert("title".into(), json!(doc.scenario.title));
        object.insert("description".into(), json!(doc.scenario.description));
        object.insert("bins".into(), json!(doc.bins));
        // What a pending question hides, with its bound. An integrand's two areas add up
        // to its KL: both go with its terms, or when either is near the answer (as on
        // screen), since one area and the KL give the other.
        let concealed = self.concealed();
        let near = |value: Option<&Value>| value.and_then(Value::as_f64).is_some_and(|x| concealed.hides_number(x));
        let areas_hidden: Vec<String> = [Measure::KlPQ, Measure::KlQP]
            .into_iter()
            .flat_map(|m| {
                let areas = vec![format!("{}_positive", m.json_key()), format!("{}_negative", m.json_key())];
                let hide = concealed.hides_terms(m) || areas.iter().any(|area| near(object.get(area)));
                if hide { areas } else { Vec::new() }
            })
            .collect();
        let keys: Vec<String> = object.keys().cloned().collect();
        for key in keys {
            let hidden = Measure::ALL.into_iter().filter(|m| concealed.hides(*m)).any(|m| {
                key == m.json_key() || key.strip_prefix(m.json_key()).is_some_and(|rest| rest.starts_with('_'))
            });
            let area_hidden = areas_hidden.iter().any(|area| key.starts_with(area.as_str()));
            if hidden || area_hidden || near(object.get(&key)) {
                object.insert(key, Value::Null);
            }
        }
        self.add_session(&mut object);
        Some(Value::Object(object))
    }
}

/// Where the room stands, for a page: the counts and the spread the teacher sees, a
/// student's own answer and, once revealed, the verdict; never the token.
fn classroom_summary(room: &Classroom) -> Value {
    let link = match &room.link {
        Link::Idle => json!("idle"),
        Link::Connecting => json!("connecting"),
        Link::Open => json!("open"),
        Link::Lost(why) => json!(why),
    };
    let counts = room
        .counts
        .map(|c| json!({ "joined": c.joined, "connected": c.connected, "answered": c.answered, "reached": c.reached }));
    let spread = room.spread.as_ref().map(|s| {
        let bars: Vec<Value> =
            s.bars.iter().map(|b| json!({ "label": b.label, "count": b.count, "right": b.right })).collect();
        json!({ "step": s.step + 1, "bars": bars })
    });
    let revealed = room.revealed.as_ref().map(|r| {
        json!({ "step": r.step + 1, "right_answer": r.right_answer, "your_answer": r.your_answer, "correct": r.correct })
    });
    json!({
        "role": if room.is_teacher() { "teacher" } else { "student" },
        "link": link,
        "code": room.code,
        "join_link": room.join_link,
        "step": room.step.map(|s| s + 1),
        "phase": room.phase,
        "counts": counts,
        "spread": spread,
        "answered": room.answer.is_some(),
        "revealed": revealed,
    })
}
