//! What a test asks the engine to pretend: a dark colour scheme and a phone's or a wide
//! screen's viewport, and the checks an engine leaves out when it cannot (see
//! [`Engine::lacks`]).

use crate::flow::{fail, Flow};
use crate::harness::Harness;
use crate::{hosting, Engine, Feature};
use serde_json::json;

impl Harness {
    /// Makes the page prefer a dark colour scheme: DevTools emulation in Chromium, the content
    /// colour-scheme preference in Firefox; an error naming the reason where the engine cannot
    /// (see [`Engine::lacks`]).
    pub async fn prefer_dark(&self) -> Flow {
        if let Some(reason) = self.engine.lacks(Feature::DarkScheme) {
            return Err(fail(format!(
                "{} cannot prefer dark: {reason}",
                self.engine
            )));
        }
        if self.engine == Engine::Firefox {
            let context = |name: &str| hosting::DriverCommand {
                path: "moz/context",
                body: json!({ "context": name }),
            };
            self.client.issue_cmd(context("chrome")).await?;
            // 0 = dark, 1 = light, 2 = follow the system.
            let set = self
                .client
                .execute(
                    "Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', 0);",
                    vec![],
                )
                .await;
            self.client.issue_cmd(context("content")).await?;
            set?;
            return Ok(());
        }
        self.client
            .issue_cmd(hosting::DriverCommand::cdp(
                "Emulation.setEmulatedMedia",
                json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
            ))
            .await?;
        Ok(())
    }

    /// Whether this engine leaves out `check` for want of `feature`; says so, with the reason,
    /// on the test's output (the reasons live in [`Engine::lacks`]).
    pub fn leaves_out(&self, feature: Feature, check: &str) -> bool {
        match self.engine.lacks(feature) {
            Some(reason) => {
                println!(
                    "{}: {check} left out in {}: {reason}",
                    self.name, self.engine
                );
                true
            }
            None => false,
        }
    }

    /// Gives the page a viewport of `width` x `height` CSS pixels (Chrome DevTools emulation;
    /// `mobile` also makes it a touch phone's layout viewport).
    pub async fn set_viewport(&self, width: u32, height: u32, mobile: bool) -> Flow {
        if let Some(reason) = self.engine.lacks(Feature::ViewportEmulation) {
            return Err(fail(format!(
                "{} cannot set the viewport: {reason}",
                self.engine
            )));
        }
        self.client
            .issue_cmd(hosting::DriverCommand::cdp(
                "Emulation.setDeviceMetricsOverride",
                json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
            ))
            .await?;
        Ok(())
    }
}
