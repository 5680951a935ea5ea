//! The axe-core accessibility audit of the page a test is on.

use crate::flow::{fail, Flow};
use crate::harness::Harness;
use crate::paths;

impl Harness {
    /// Runs the axe-core accessibility audit (installed by `cargo xtask setup`) on the current
    /// page; fails listing every serious or critical violation.
    pub async fn audit(&self, what: &str) -> Flow {
        let axe_path = paths::root().join("target/tools/node_modules/axe-core/axe.min.js");
        let axe = std::fs::read_to_string(&axe_path).map_err(|e| {
            fail(format!(
                "no axe-core at {} (run `cargo xtask setup`): {e}",
                axe_path.display()
            ))
        })?;
        self.client.execute(&axe, vec![]).await?;
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] })
                   .then(r => done(r.violations
                     .filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)))
                   .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await?;
        let violations: Vec<String> = serde_json::from_value(found).unwrap_or_default();
        if violations.is_empty() {
            Ok(())
        } else {
            Err(fail(format!("accessibility of {what}: {violations:#?}")))
        }
    }
}
