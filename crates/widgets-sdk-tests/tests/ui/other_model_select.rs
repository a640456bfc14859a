// A `Group` property on a request answering widgets does not compile.
use widgets::models::{Group, Widget};
use widgets::paths::Root;

fn main() {
    let _ = Root.widgets().get().unwrap().select((Widget::ID, Group::MAIL_ENABLED));
}
