//! Knowledge distillation's loss, as PyTorch's usual code computes it for one example:
//!
//! ```text
//! soft = F.kl_div(F.log_softmax(z_s / T, -1), F.softmax(z_t / T, -1), reduction='batchmean') * T * T
//! hard = F.cross_entropy(z_s, y)
//! loss = alpha * soft + (1 - alpha) * hard
//! ```
//!
//! Teacher P_T = softmax(z_t / T), student Q_T = softmax(z_s / T); soft = T²·KL(P_T‖Q_T).
//! The hard loss is the student's cross-entropy at T = 1 against the true label y. All in
//! nats, as PyTorch. Dividing logits by T shrinks the soft loss's gradients by 1/T², so the
//! T² factor keeps them on the hard loss's scale whatever T is.

use super::softmax::{SoftmaxError, log_softmax, softmax};

/// Why the loss cannot be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DistillationError {
    #[error("the teacher has {teacher} logits and the student {student}: they must score the same outcomes")]
    Lengths { teacher: usize, student: usize },
    #[error("the true label is outcome {label}, but there are only {n} outcomes")]
    Label { label: usize, n: usize },
    #[error("alpha is {0}: it must be between 0 and 1")]
    Alpha(f64),
    #[error("teacher: {0}")]
    Teacher(SoftmaxError),
    #[error("student: {0}")]
    Student(SoftmaxError),
}

/// The parts of the loss, in nats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DistillationLoss {
    /// KL(P_T‖Q_T), before the T² factor.
    pub kl: f64,
    /// T²·KL(P_T‖Q_T).
    pub soft: f64,
    /// −ln softmax(z_s)[y]: the student's cross-entropy at T = 1.
    pub hard: f64,
    /// α·soft + (1 − α)·hard.
    pub total: f64,
}

/// The loss of student logits `student` against teacher logits `teacher` at
/// `temperature`, with true label index `label` and weight `alpha` on the soft loss.
pub fn distillation_loss(
    teacher: &[f64],
    student: &[f64],
    temperature: f64,
    alpha: f64,
    label: usize,
) -> Result<DistillationLoss, DistillationError> {
    if teacher.len() != student.len() {
        return Err(DistillationError::Lengths { teacher: teacher.len(), student: student.len() });
    }
    if label >= student.len() {
        return Err(DistillationError::Label { label, n: student.len() });
    }
    if !(0.0..=1.0).contains(&alpha) {
        return Err(DistillationError::Alpha(alpha));
    }
    let p_t = softmax(teacher, temperature).map_err(DistillationError::Teacher)?;
    let log_q_t = log_softmax(student, temperature).map_err(DistillationError::Student)?;
    // As F.kl_div: Σ target·(ln target − input), input = ln Q_T, 0 where the target is 0.
    let kl: f64 = p_t.iter().zip(&log_q_t).filter(|(p, _)| **p > 0.0).map(|(&p, &log_q)| p * (p.ln() - log_q)).sum();
    let soft = temperature * temperature * kl;
    let hard = -log_softmax(student, 1.0).map_err(DistillationError::Student)?[label];
    // As torch: an infinite term times a weight of 0 is NaN there too.
    Ok(DistillationLoss { kl, soft, hard, total: alpha * soft + (1.0 - alpha) * hard })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_torch_would_refuse() {
        assert!(matches!(distillation_loss(&[0.0], &[0.0, 1.0], 1.0, 0.5, 0), Err(DistillationError::Lengths { .. })));
        assert!(matches!(distillation_loss(&[0.0], &[0.0], 1.0, 0.5, 1), Err(DistillationError::Label { .. })));
        assert!(matches!(distillation_loss(&[0.0], &[0.0], 1.0, 1.5, 0), Err(DistillationError::Alpha(_))));
        assert!(matches!(distillation_loss(&[0.0], &[0.0], 0.0, 0.5, 0), Err(DistillationError::Teacher(_))));
    }
}
