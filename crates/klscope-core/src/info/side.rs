//! P or Q: which distribution something belongs to.

/// Which distribution: P, the truth, or Q, the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub enum Side {
    #[default]
    P,
    Q,
}

impl Side {
    pub const BOTH: [Side; 2] = [Side::P, Side::Q];

    pub fn name(self) -> &'static str {
        match self {
            Side::P => "P",
            Side::Q => "Q",
        }
    }

    pub fn role(self) -> &'static str {
        match self {
            Side::P => "the truth",
            Side::Q => "the model",
        }
    }

    /// 0 for P, 1 for Q: the position of a side in pairs such as the two editors.
    pub fn index(self) -> usize {
        match self {
            Side::P => 0,
            Side::Q => 1,
        }
    }
}
