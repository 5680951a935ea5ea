//! Page helpers: what a person does on a page (click a button by its words, type into a field,
//! choose from a row's menu, press Escape) and what a test checks there (focus, layout,
//! rows shown). They build on the harness's waits ([`Harness::until`], [`Harness::find`]).

use crate::flow::{fail, Flow};
use crate::harness::Harness;
use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::{json, Value};

impl Harness {
    /// Clicks the button whose visible text is `text` (inside `scope` CSS).
    pub async fn click_button(&self, scope: &str, text: &str) -> Flow {
        let xpath = format!(
            "{}//button[normalize-space()='{text}']",
            css_scope_to_xpath(scope)
        );
        let el = self
            .until(&format!("button {text:?}"), || async {
                self.client.find(Locator::XPath(&xpath)).await.ok()
            })
            .await?;
        el.click().await?;
        Ok(())
    }

    /// Replaces the value of the input matching `css` as a person does: select all, delete,
    /// type. (WebDriver's own "clear" fires no `input` event, so the app would not see it.)
    /// Each `send_keys` releases its modifiers when it ends, so no NULL key is sent (WebKit
    /// would type it as a character).
    pub async fn type_into(&self, css: &str, text: &str) -> Flow {
        let el = self.find(css).await?;
        el.send_keys(&(Key::Control + "a")).await?;
        el.send_keys(&Key::Backspace.to_string()).await?;
        if !text.is_empty() {
            el.send_keys(text).await?;
        }
        Ok(())
    }
    /// Waits until nothing matches `css` (a dialog closed, a message gone).
    pub async fn gone(&self, what: &str, css: &str) -> Flow {
        self.until(what, || async {
            self.client.find(Locator::Css(css)).await.err().map(|_| ())
        })
        .await
    }

    /// Presses Escape on whatever has focus, as a keyboard user does.
    pub async fn press_escape(&self) -> Flow {
        self.client
            .active_element()
            .await?
            .send_keys(&Key::Escape.to_string())
            .await?;
        Ok(())
    }

    /// The names of the token list's rows on screen, in order.
    pub async fn list_rows(&self) -> Result<Vec<String>, fantoccini::error::CmdError> {
        self.texts("tbody a.token-link").await
    }

    /// Waits until the names of the list's rows pass `check`; `what` names the wait.
    pub async fn wait_rows(&self, what: &str, check: impl Fn(&[String]) -> bool) -> Flow {
        self.until(what, || async {
            let r = self.list_rows().await.ok()?;
            check(&r).then_some(())
        })
        .await
    }

    /// The ids of the list's rows on screen, in order.
    pub async fn shown_ids(&self) -> Result<Vec<String>, fantoccini::error::CmdError> {
        Ok(self
            .texts("tbody td .muted.mono")
            .await?
            .into_iter()
            .filter(|t| t.starts_with("TKN-"))
            .collect())
    }

    /// Opens the ••• menu of list row `row` (0 = the first) and chooses `item` in it.
    pub async fn row_menu(&self, row: usize, item: &str) -> Flow {
        self.find(&format!("#row-actions-{row}"))
            .await?
            .click()
            .await?;
        self.client
            .find(Locator::XPath(&format!(
                "//*[@role='menuitem'][normalize-space()='{item}']"
            )))
            .await?
            .click()
            .await?;
        Ok(())
    }

    /// The focused element's id, or its text when it has none (`""` when nothing has focus).
    pub async fn focused(&self) -> Result<String, fantoccini::error::CmdError> {
        let found = self
            .client
            .execute(
                "const e = document.activeElement;
                 return e ? (e.id || e.textContent.trim()) : '';",
                vec![],
            )
            .await?;
        Ok(found.as_str().unwrap_or_default().to_string())
    }

    /// Waits until the focused element's id (or text, see [`Harness::focused`]) is `expected`;
    /// the failure names where focus is instead.
    pub async fn wait_focused(&self, what: &str, expected: &str) -> Flow {
        let found = self
            .until(&format!("focus on {expected} ({what})"), || async {
                (self.focused().await.ok()? == expected).then_some(())
            })
            .await;
        match found {
            Ok(()) => Ok(()),
            Err(e) => Err(fail(format!(
                "{e}; focus is on {:?}",
                self.focused().await?
            ))),
        }
    }

    /// The accessible name of the focused element.
    pub async fn focused_label(&self) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        let found = self
            .client
            .execute(
                "const e = document.activeElement;
                 return e ? (e.getAttribute('aria-label') || e.id || e.textContent.trim()) : '';",
                vec![],
            )
            .await?;
        Ok(found.as_str().unwrap_or_default().to_string())
    }

    /// Waits until the focused element's accessible name is `expected`.
    pub async fn wait_focused_label(&self, what: &str, expected: &str) -> Flow {
        self.until(&format!("focus on {expected} ({what})"), || async {
            (self.focused_label().await.ok()? == expected).then_some(())
        })
        .await
    }

    /// Waits until the focused element matches `css`; on time-out the failure (named by
    /// `what`) says which element has focus instead (`BODY` when focus fell to the page).
    pub async fn wait_focus(&self, what: &str, css: &str) -> Flow {
        let on_it = || async {
            let found = self
                .client
                .execute(
                    "const e = document.activeElement;
                     return !!e && e.matches(arguments[0]);",
                    vec![json!(css)],
                )
                .await
                .ok()?;
            found.as_bool().filter(|on| *on).map(|_| ())
        };
        if self.until(what, on_it).await.is_ok() {
            return Ok(());
        }
        let focused = self
            .client
            .execute(
                "const e = document.activeElement;
                 return e ? `${e.tagName} ${e.id} ${e.textContent.trim().slice(0, 40)}` : 'nothing';",
                vec![],
            )
            .await?;
        Err(fail(format!("{what}: focus on {focused}, not on {css}")))
    }
    /// Fails when the page scrolls sideways, or when an element matching `css` that is shown
    /// (not `display: none`) lies partly left or right of the viewport, or, with `vertical`,
    /// above or below it (for what must be on screen without scrolling): `what` names the
    /// check. At least one element must match `css`.
    pub async fn fits_viewport(&self, what: &str, css: &str, vertical: bool) -> Flow {
        self.no_problems(
                what,
                "const [css, vertical] = arguments;
                 const width = document.documentElement.clientWidth;
                 const height = window.innerHeight;
                 const problems = [];
                 if (document.documentElement.scrollWidth > width) {
                   problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width} px`);
                 }
                 const shown = [...document.querySelectorAll(css)].filter(e => e.getClientRects().length > 0);
                 if (shown.length === 0) problems.push(`nothing matches ${css}`);
                 for (const e of shown) {
                   const r = e.getBoundingClientRect();
                   const outside = r.left < 0 || r.right > width + 0.5
                     || (vertical && (r.top < 0 || r.bottom > height + 0.5));
                   if (outside) {
                     const label = e.getAttribute('aria-label') || e.textContent.trim().slice(0, 40);
                     problems.push(`${label} at ${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.right)},${Math.round(r.bottom)} outside ${width}x${height}`);
                   }
                 }
                 return problems;",
                vec![json!(css), json!(vertical)],
            )
            .await
    }

    /// Runs `script` (which returns a list of problems as strings) and fails with them, named
    /// by `what`.
    pub async fn no_problems(&self, what: &str, script: &str, args: Vec<Value>) -> Flow {
        let found = self.client.execute(script, args).await?;
        let problems: Vec<String> = serde_json::from_value(found).unwrap_or_default();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(fail(format!("{what}: {problems:#?}")))
        }
    }
}

fn css_scope_to_xpath(scope: &str) -> String {
    match scope {
        "dialog" => "//dialog[@open]".to_string(),
        "" => String::new(),
        other => format!(
            "//*[contains(concat(' ', normalize-space(@class), ' '), ' {} ')]",
            other.trim_start_matches('.')
        ),
    }
}
