// `User::DISPLAYNAME` is not a property of `user`: a compile error.
use graph_v1_0::models::User;
use graph_v1_0::paths::Root;

fn main() {
    let _ = Root.users().get().unwrap().select((User::DISPLAYNAME, User::MAIL));
}
