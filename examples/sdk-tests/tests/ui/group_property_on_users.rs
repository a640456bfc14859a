// A `group` property on `GET /users`: a compile error.
use graph_v1_0::models::{Group, User};
use graph_v1_0::paths::Root;

fn main() {
    let _ = Root.users().get().unwrap().select((User::DISPLAY_NAME, Group::MAIL_ENABLED));
}
