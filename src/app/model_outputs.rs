//! A model's outputs opened in the app: the numbers replace Q (or P) and the other side
//! stays when the lengths match; otherwise the other side becomes uniform over the new
//! outcomes, and the status says so. A vocabulary renames the outcomes if it has as many
//! tokens. Every change is one undoable step.

use super::panels::model_output::ModelOutput;
use super::{KlApp, Status};
use crate::info::Side;
use crate::model_files::{self, Reading};

impl KlApp {
    /// Puts the chosen file's numbers into the document, or says why not.
    pub(super) fn use_model_output(&mut self, output: ModelOutput) -> Status {
        let ModelOutput { from, values, side, reading } = output;
        let doc = &self.state.doc;
        let n = values.len();
        let keeps = n == doc.len();
        let labels = if keeps { doc.labels().to_vec() } else { model_files::index_labels(n) };
        let field = if side == Side::P { "p" } else { "q" };
        // float32 outputs that miss 1 only by their own rounding are rescaled, and said so.
        let (new, rescaled) = match model_files::probabilities_noted(&from, field, values, &labels, reading) {
            Ok(read) => read,
            Err(e) => return Status::error(e.to_string()),
        };
        let rescaled = rescaled.map(|note| format!(" ({note})")).unwrap_or_default();
        let other = if keeps {
            doc.get(if side == Side::P { Side::Q } else { Side::P }).probs().to_vec()
        } else {
            vec![1.0 / n as f64; n]
        };
        let (p, q) = if side == Side::P { (new, other) } else { (other, new) };
        let read = match reading {
            Reading::Probabilities => "probabilities",
            Reading::Rescaled => "probabilities, rescaled",
            Reading::Logits { .. } => "logits, softmaxed",
        };
        let (name, other_name) = if side == Side::P { ("P", "Q") } else { ("Q", "P") };
        let (title, description, note) = if keeps {
            let description = format!("{} {name} from {from} ({read}).", doc.description).trim().to_string();
            (doc.title.clone(), description, String::new())
        } else {
            let note = format!(
                ": {n} outcomes where there were {}, so {other_name} is uniform until you open its file",
                doc.len()
            );
            (from.clone(), format!("{name} from {from} ({read})."), note)
        };
        let scenario = model_files::scenario(title, description, self.state.unit, labels, p, q);
        let zero_rule = doc.zero_rule;
        match self.state.open_scenario(&scenario) {
            Ok(()) => {
                self.state.doc.zero_rule = zero_rule;
                Status::info(format!("{name} from {from} ({read}){note}{rescaled}"))
            }
            Err(e) => Status::error(format!("{from}: {}", e.message(field))),
        }
    }

    /// Names the outcomes after a vocabulary's tokens, if there are as many.
    pub(super) fn use_vocabulary(&mut self, from: &str, tokens: Vec<String>) -> Status {
        let doc = &self.state.doc;
        if tokens.len() != doc.len() {
            return Status::error(format!(
                "{from} has {} tokens but there are {} outcomes: the vocabulary needs one token per outcome",
                tokens.len(),
                doc.len()
            ));
        }
        let (p, q) = (doc.p.probs().to_vec(), doc.q.probs().to_vec());
        let scenario = model_files::scenario(doc.title.clone(), doc.description.clone(), self.state.unit, tokens, p, q);
        let zero_rule = doc.zero_rule;
        match self.state.open_scenario(&scenario) {
            Ok(()) => {
                self.state.doc.zero_rule = zero_rule;
                Status::info(format!("Outcomes named from {from}"))
            }
            Err(e) => Status::error(format!("{from}: {}", e.message("labels"))),
        }
    }
}
