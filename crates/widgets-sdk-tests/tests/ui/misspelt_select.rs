// A misspelt property name is a compile error, not a `$select` the service rejects.
use widgets::models::Widget;
use widgets::paths::Root;

fn main() {
    let _ = Root.widgets().get().unwrap().select((Widget::DISPLAY_NAM, Widget::SIZE));
}
