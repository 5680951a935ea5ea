//! Child processes that start helpers of their own (a WebDriver starts browsers and a virtual
//! display; `cargo xtask dev` starts Trunk): each runs in its own process group, so that
//! stopping it stops everything it started, even after a failed test.

use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// Makes `cmd`'s child the leader of a new process group (see [`stop`]).
pub fn own_group(cmd: &mut Command) {
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(cmd, 0);
    #[cfg(not(unix))]
    let _ = cmd;
}

/// Stops `child`'s group: SIGTERM, up to `grace` for the leader to finish its own clean-up,
/// then SIGKILL for whatever of the group is left.
pub fn stop(child: &mut Child, grace: Duration) {
    #[cfg(unix)]
    {
        let group = format!("-{}", child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let deadline = Instant::now() + grace;
        while Instant::now() < deadline && !matches!(child.try_wait(), Ok(Some(_))) {
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
    }
    #[cfg(not(unix))]
    let _ = grace;
    let _ = child.kill();
    let _ = child.wait();
}
