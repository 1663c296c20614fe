//! The extractor's suggested status, kept apart from the reviewer's mark: a named source
//! suggests attributed, an unnamed or missing one unverified, a denial contradicted.

use crate::model::{Attribution, Signals, SourceType, Status};

pub(crate) fn suggest(attribution: &Attribution, signals: &Signals) -> Status {
    if signals.denial {
        return Status::Contradicted;
    }
    match attribution.source_type {
        SourceType::Named => Status::Attributed,
        SourceType::Anonymous | SourceType::Unattributed => Status::Unverified,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn denial_outweighs_a_named_source() {
        let named = Attribution {
            source_type: SourceType::Named,
            ..Attribution::default()
        };
        let plain = Signals::default();
        let denied = Signals {
            denial: true,
            ..Signals::default()
        };
        assert_eq!(suggest(&named, &plain), Status::Attributed);
        assert_eq!(suggest(&named, &denied), Status::Contradicted);
        assert_eq!(suggest(&Attribution::default(), &plain), Status::Unverified);
    }
}
