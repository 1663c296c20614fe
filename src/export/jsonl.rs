//! JSON Lines: one claim per line with everything `claims --format jsonl` writes, plus
//! the ids of related claims and, with `--history`, every decision on it.

use super::{store_io, ExportOptions};
use crate::desk::Desk;
use std::io::{self, Write};

pub fn write(
    desk: &Desk,
    claims: &[usize],
    opts: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    for &i in claims {
        let claim = &desk.claims[i];
        let mut line = serde_json::to_value(desk.record(i))?;
        if let Some(fields) = line.as_object_mut() {
            let related: Vec<&str> = claim.related.iter().map(|r| r.claim_id.as_str()).collect();
            fields.insert("related".into(), serde_json::json!(related));
            if opts.history {
                let history = desk.store.history(&claim.id).map_err(store_io)?;
                fields.insert("history".into(), serde_json::to_value(history)?);
            }
        }
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
