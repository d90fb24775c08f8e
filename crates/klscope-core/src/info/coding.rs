//! Huffman codes, in bits: the lesson "KL is the price of using the wrong code". A code
//! built for Q but used on outcomes drawn from P costs about KL(P‖Q) bits per outcome more
//! than the code built for P, and Huffman codes make that price concrete.

use super::measures::Report;
use super::unit::Unit;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

/// A binary prefix code: one word of '0's and '1's per outcome, in outcome order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Code {
    pub words: Vec<String>,
}

impl Code {
    /// The Huffman code for `weights` (probabilities, or any non-negative weights; they are
    /// not normalised because only their order matters).
    ///
    /// Ties are broken so that the same weights always give the same words: nodes are
    /// numbered as they are created (the outcomes first, 0..n, then each merged node), and
    /// among equal weights the node with the smaller number is taken first. Of the two
    /// nodes merged, the one taken first gets '0', the other '1'.
    ///
    /// Zero weights are allowed and still get words (long ones: they are merged first), so
    /// that a code built for Q can send every outcome of P. Negative or non-finite weights
    /// count as zero. One outcome gets the word "0"; no outcomes, no words.
    pub fn huffman(weights: &[f64]) -> Code {
        let n = weights.len();
        if n <= 1 {
            return Code { words: vec!["0".to_string(); n] };
        }
        // children[k - n] = (first taken, second taken) for merged node k.
        let mut children: Vec<(usize, usize)> = Vec::with_capacity(n - 1);
        let mut heap: BinaryHeap<Reverse<Node>> =
            weights.iter().enumerate().map(|(id, &w)| Reverse(Node { weight: clean(w), id })).collect();
        while let (Some(Reverse(first)), Some(Reverse(second))) = (heap.pop(), heap.pop()) {
            let id = n + children.len();
            children.push((first.id, second.id));
            heap.push(Reverse(Node { weight: first.weight + second.weight, id }));
        }
        let mut words = vec![String::new(); n];
        // The last node made is the root. Walk down without recursion: a skewed tree can
        // be hundreds of levels deep.
        let mut stack = vec![(n + children.len() - 1, String::new())];
        while let Some((id, prefix)) = stack.pop() {
            match id.checked_sub(n).and_then(|k| children.get(k)) {
                Some(&(zero, one)) => {
                    stack.push((one, format!("{prefix}1")));
                    stack.push((zero, prefix + "0"));
                }
                None => {
                    if let Some(word) = words.get_mut(id) {
                        *word = prefix;
                    }
                }
            }
        }
        Code { words }
    }

    /// The length of each word, in bits.
    pub fn lengths(&self) -> Vec<usize> {
        self.words.iter().map(String::len).collect()
    }

    /// Σ p_i · len_i: the average bits per outcome when outcomes come from `p`. Outcomes
    /// with p_i = 0 cost nothing; extra entries of the longer list are ignored.
    pub fn average_length(&self, p: &[f64]) -> f64 {
        self.words.iter().zip(p).filter(|(_, pi)| **pi > 0.0).map(|(word, pi)| pi * word.len() as f64).sum()
    }
}

/// A weight as the heap compares it: ≥ 0 and finite.
fn clean(weight: f64) -> f64 {
    if weight.is_finite() && weight > 0.0 { weight } else { 0.0 }
}

/// A tree node waiting to be merged, ordered by weight and then by creation number.
#[derive(Debug, Clone, Copy)]
struct Node {
    weight: f64,
    id: usize,
}

impl Ord for Node {
    fn cmp(&self, other: &Self) -> Ordering {
        self.weight.total_cmp(&other.weight).then(self.id.cmp(&other.id))
    }
}

impl PartialOrd for Node {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Node {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Node {}

/// Both codes and what they cost on outcomes drawn from P, next to the measures they
/// approximate. Everything is in bits.
#[derive(Debug, Clone, PartialEq)]
pub struct CodingReport {
    /// The Huffman code built for P.
    pub code_p: Code,
    /// The Huffman code built for Q (the model).
    pub code_q: Code,
    /// Average length of P's outcomes sent with P's code: H(P) ≤ l_p < H(P) + 1.
    pub l_p: f64,
    /// Average length of P's outcomes sent with Q's code. Finite even where H(P,Q) is ∞:
    /// a real code gives every outcome some word.
    pub l_q: f64,
    /// H(P) in bits.
    pub entropy_p: f64,
    /// H(P,Q) in bits: what ideal (non-integer) lengths −log₂ q would cost.
    pub cross_entropy: f64,
    /// KL(P‖Q) in bits = H(P,Q) − H(P), which l_q − l_p approximates.
    pub kl: f64,
}

/// Builds both codes and measures them on P.
pub fn coding_report(p: &[f64], q: &[f64]) -> CodingReport {
    let code_p = Code::huffman(p);
    let code_q = Code::huffman(q);
    let report = Report::compute(p, q);
    let bits = |nats| Unit::Bits.from_nats(nats);
    CodingReport {
        l_p: code_p.average_length(p),
        l_q: code_q.average_length(p),
        code_p,
        code_q,
        entropy_p: bits(report.entropy_p),
        cross_entropy: bits(report.cross_entropy_pq),
        kl: bits(report.kl_pq),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dyadic_weights_give_their_log_lengths() {
        let code = Code::huffman(&[0.5, 0.25, 0.125, 0.125]);
        assert_eq!(code.words, ["0", "10", "110", "111"]);
        assert_eq!(code.average_length(&[0.5, 0.25, 0.125, 0.125]), 1.75);
    }

    #[test]
    fn small_cases() {
        assert!(Code::huffman(&[]).words.is_empty());
        assert_eq!(Code::huffman(&[1.0]).words, ["0"]);
        assert_eq!(Code::huffman(&[0.3, 0.7]).words, ["0", "1"]);
        assert_eq!(Code::huffman(&[0.7, 0.3]).words, ["1", "0"]);
    }

    #[test]
    fn equal_weights_favour_the_smaller_index() {
        // 0 and 1 merge first (node 4), then 2 and 3 (node 5), then 4 before 5.
        assert_eq!(Code::huffman(&[0.25; 4]).words, ["00", "01", "10", "11"]);
    }
}
