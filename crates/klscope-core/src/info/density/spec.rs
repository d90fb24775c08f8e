//! A density written on one line, as the command line takes it: `normal(0, 1)`,
//! `0.3*normal(-2, 0.5) + 0.7*laplace(1, 2)`, `uniform(-1, 3)`. Parameters are
//! normal(mean, standard deviation), laplace(centre, scale), uniform(low, high). A single
//! component may omit its weight (it is 1); in a mixture every component has one, and the
//! weights must sum to 1 (within 1e-9): nothing is rescaled. Every mistake is one
//! sentence that names its column (counted in characters from 1).

use super::component::Component;
use super::error::DensityError;
use super::mixture::{MAX_COMPONENTS, Mixture, Weighted};

/// A spec that cannot be read, at a column.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct SpecError {
    pub column: usize,
    pub message: String,
}

const KINDS: &str = "normal(mean, sd), laplace(centre, scale) or uniform(low, high)";

/// One term as read, with the columns errors point at.
struct Term {
    weight: Option<f64>,
    component: Component,
    start: usize,
    /// Columns of the first and second parameter.
    parameters: [usize; 2],
    weight_column: usize,
}

struct Scanner {
    chars: Vec<char>,
    at: usize,
}

impl Scanner {
    fn column(&self) -> usize {
        self.at + 1
    }

    fn skip_blanks(&mut self) {
        while self.chars.get(self.at).is_some_and(|c| c.is_whitespace()) {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    /// What is here, for a message: 'x' or "the end".
    fn found(&self) -> String {
        match self.peek() {
            Some(c) => format!("'{}'", crate::text::quote(&c.to_string())),
            None => "the end of the spec".to_string(),
        }
    }

    fn error(&self, message: String) -> SpecError {
        SpecError { column: self.column(), message }
    }

    fn expect(&mut self, wanted: char, what: &str) -> Result<(), SpecError> {
        self.skip_blanks();
        if self.peek() == Some(wanted) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(format!("expected '{wanted}' {what}, found {}", self.found())))
        }
    }

    /// A decimal number: sign, digits, point, digits, exponent.
    fn number(&mut self, what: &str) -> Result<(f64, usize), SpecError> {
        self.skip_blanks();
        let start = self.at;
        let digits = |s: &mut Scanner| {
            let from = s.at;
            while s.peek().is_some_and(|c| c.is_ascii_digit()) {
                s.at += 1;
            }
            s.at > from
        };
        if matches!(self.peek(), Some('+' | '-')) {
            self.at += 1;
        }
        let mut any = digits(self);
        if self.peek() == Some('.') {
            self.at += 1;
            any |= digits(self);
        }
        if any && matches!(self.peek(), Some('e' | 'E')) {
            let before = self.at;
            self.at += 1;
            if matches!(self.peek(), Some('+' | '-')) {
                self.at += 1;
            }
            if !digits(self) {
                self.at = before;
            }
        }
        let text: String = self.chars[start..self.at].iter().collect();
        match (any, text.parse::<f64>()) {
            (true, Ok(value)) if value.is_finite() => Ok((value, start + 1)),
            (true, Ok(_)) => Err(SpecError {
                column: start + 1,
                message: format!("{what} {} is too large to be a finite number", crate::text::quote(&text)),
            }),
            _ => {
                self.at = start;
                Err(self.error(format!("expected {what} (a number), found {}", self.found())))
            }
        }
    }

    fn name(&mut self) -> String {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect()
    }

    fn term(&mut self) -> Result<Term, SpecError> {
        self.skip_blanks();
        let start = self.column();
        let starts_a_number = self.peek().is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'));
        let (weight, weight_column) = if starts_a_number {
            let (w, column) = self.number("a weight")?;
            self.expect('*', "between a weight and its component, as in 0.5*normal(0, 1)")?;
            (Some(w), column)
        } else {
            (None, start)
        };
        self.skip_blanks();
        let name_column = self.column();
        let name = self.name();
        let kind = name.to_ascii_lowercase();
        let labels = match kind.as_str() {
            "normal" => ["the mean", "the sd"],
            "laplace" => ["the centre", "the scale"],
            "uniform" => ["the low end", "the high end"],
            _ => {
                let found = if name.is_empty() { self.found() } else { format!("'{}'", crate::text::quote(&name)) };
                return Err(SpecError {
                    column: name_column,
                    message: format!("expected a component, {KINDS}, found {found}"),
                });
            }
        };
        self.expect('(', &format!("after {kind}"))?;
        let (a, a_column) = self.number(&format!("{kind}'s first parameter, {}", labels[0]))?;
        self.expect(',', &format!("between {kind}'s two parameters"))?;
        let (b, b_column) = self.number(&format!("{kind}'s second parameter, {}", labels[1]))?;
        self.expect(')', &format!("after {kind}'s two parameters"))?;
        let component = match kind.as_str() {
            "normal" => Component::Gaussian { mean: a, sd: b },
            "laplace" => Component::Laplace { centre: a, scale: b },
            _ => Component::Uniform { low: a, high: b },
        };
        Ok(Term { weight, component, start, parameters: [a_column, b_column], weight_column })
    }
}

/// Reads a spec into a checked mixture.
pub fn parse_density(spec: &str) -> Result<Mixture, SpecError> {
    let mut s = Scanner { chars: spec.chars().collect(), at: 0 };
    s.skip_blanks();
    if s.peek().is_none() {
        return Err(s.error(format!("the spec is empty: write a density such as normal(0, 1), one of {KINDS}")));
    }
    let mut terms = vec![s.term()?];
    loop {
        s.skip_blanks();
        match s.peek() {
            None => break,
            Some('+') => {
                if terms.len() == MAX_COMPONENTS {
                    return Err(s.error(format!("a density has at most {MAX_COMPONENTS} components")));
                }
                s.at += 1;
                terms.push(s.term()?);
            }
            Some(_) => {
                return Err(s.error(format!("expected '+' and another component, or the end, found {}", s.found())));
            }
        }
    }
    if terms.len() > 1
        && let Some(bare) = terms.iter().find(|t| t.weight.is_none())
    {
        return Err(SpecError {
            column: bare.start,
            message: "this component has no weight: in a mixture every component needs one, as in 0.5*normal(0, 1)"
                .to_string(),
        });
    }
    let parts = terms.iter().map(|t| Weighted::new(t.weight.unwrap_or(1.0), t.component)).collect();
    Mixture::new(parts).map_err(|e| {
        let column = match &e {
            DensityError::Weight { index, .. } => terms[*index].weight_column,
            DensityError::Parameter { index, parameter, .. } => {
                let second = matches!(*parameter, "sd" | "scale" | "high");
                terms[*index].parameters[usize::from(second)]
            }
            _ => 1,
        };
        SpecError { column, message: e.to_string() }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(spec: &str) -> String {
        parse_density(spec).map_or_else(|e| e.to_string(), |m| format!("{m:?}"))
    }

    #[test]
    fn the_three_kinds_and_a_mixture() {
        let m = parse_density("0.3*normal(-2,0.5)+0.7*laplace(1,2)").unwrap();
        assert_eq!(m.parts()[0], Weighted::new(0.3, Component::Gaussian { mean: -2.0, sd: 0.5 }));
        assert_eq!(m.parts()[1], Weighted::new(0.7, Component::Laplace { centre: 1.0, scale: 2.0 }));
        assert_eq!(
            parse_density(" uniform( -1 , 3 ) ").unwrap().as_single(),
            Some(Component::Uniform { low: -1.0, high: 3.0 })
        );
        assert_eq!(
            parse_density("Normal(1e-1, 2.5E+0)").unwrap().as_single(),
            Some(Component::Gaussian { mean: 0.1, sd: 2.5 })
        );
        let spec = m.spec();
        assert_eq!(parse_density(&spec).unwrap(), m, "{spec} reads back");
    }

    #[test]
    fn every_mistake_names_its_column() {
        assert_eq!(
            message(""),
            "column 1: the spec is empty: write a density such as normal(0, 1), one of normal(mean, sd), laplace(centre, scale) or uniform(low, high)"
        );
        assert_eq!(
            message("gauss(0,1)"),
            "column 1: expected a component, normal(mean, sd), laplace(centre, scale) or uniform(low, high), found 'gauss'"
        );
        assert_eq!(message("normal(0 1)"), "column 10: expected ',' between normal's two parameters, found '1'");
        assert_eq!(
            message("normal(0,"),
            "column 10: expected normal's second parameter, the sd (a number), found the end of the spec"
        );
        assert_eq!(
            message("normal(0,x)"),
            "column 10: expected normal's second parameter, the sd (a number), found 'x'"
        );
        assert_eq!(
            message("normal(0,1"),
            "column 11: expected ')' after normal's two parameters, found the end of the spec"
        );
        assert_eq!(
            message("normal(0,1) laplace(0,1)"),
            "column 13: expected '+' and another component, or the end, found 'l'"
        );
        assert_eq!(
            message("0.5 normal(0,1)"),
            "column 5: expected '*' between a weight and its component, as in 0.5*normal(0, 1), found 'n'"
        );
        assert_eq!(
            message("0.5*normal(0,1)+0.4*normal(1,1)"),
            "column 1: the weights sum to 0.9: they must sum to 1 (within 1e-9)"
        );
        assert_eq!(
            message("0.5*normal(0,1)+normal(1,1)"),
            "column 17: this component has no weight: in a mixture every component needs one, as in 0.5*normal(0, 1)"
        );
        assert_eq!(
            message("0.5*normal(0,1)+0.5*laplace(1,0)"),
            "column 31: component 2 (laplace) has scale 0: a scale must be a positive, finite number"
        );
        assert_eq!(
            message("uniform(3,1)"),
            "column 11: component 1 (uniform) has high 1: a uniform's high end must be above its low end (and the width finite)"
        );
        assert_eq!(
            message("1.5*normal(0,1)+-0.5*normal(0,1)"),
            "column 17: component 2 (normal) has weight -0.5: a weight must be a positive, finite number"
        );
        assert_eq!(
            message("normal(1e999,1)"),
            "column 8: normal's first parameter, the mean 1e999 is too large to be a finite number"
        );
        assert_eq!(
            message("0.2*normal(0,1)+0.2*normal(0,1)+0.2*normal(0,1)+0.2*normal(0,1)+0.2*normal(0,1)"),
            "column 64: a density has at most 4 components"
        );
    }
}
