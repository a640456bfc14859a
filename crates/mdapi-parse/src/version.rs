//! API versions: Graph serves each version under its own root
//! (`https://graph.microsoft.com/v1.0/`, `.../beta/`), and its docs keep
//! each version's pages in a folder of that name (`v1.0/api/user-get.md`).

/// Whether a path segment names an API version: `beta`, or `v` and a
/// number (`v1.0`, `v2`).
pub fn is_version(segment: &str) -> bool {
    if segment.eq_ignore_ascii_case("beta") {
        return true;
    }
    let Some(number) = segment.strip_prefix(['v', 'V']) else { return false };
    number.starts_with(|c: char| c.is_ascii_digit()) && number.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// The version folder a page sits in (`v1.0/api/x.md` → `v1.0`): the
/// nearest one to the page.
pub fn of_path(path: &str) -> Option<&str> {
    let mut folders: Vec<&str> = path.split('/').collect();
    folders.pop();
    folders.into_iter().rev().find(|s| is_version(s))
}

/// The version an example URL calls: the first segment of its path
/// (`https://graph.microsoft.com/beta/me` and `/beta/me` → `beta`).
pub fn of_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |at| &rest[at..]),
        None => url,
    };
    let first = path.trim_start_matches('/').split(['/', '?', '#']).next()?;
    is_version(first).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_in_paths_and_urls() {
        assert!(is_version("v1.0") && is_version("BETA") && is_version("v2"));
        assert!(!is_version("v") && !is_version("vendors") && !is_version("api"));
        assert_eq!(of_path("api-reference/v1.0/api/user-get.md"), Some("v1.0"));
        assert_eq!(of_path("beta/resources/user.md"), Some("beta"));
        assert_eq!(of_path("api/user-get.md"), None);
        assert_eq!(of_path("v1.0.md"), None, "a page named like a version is not in a version folder");
        assert_eq!(of_url("https://graph.microsoft.com/beta/me?$select=id"), Some("beta"));
        assert_eq!(of_url("/v1.0/users"), Some("v1.0"));
        assert_eq!(of_url("https://graph.microsoft.com/me"), None);
        assert_eq!(of_url("/users/{id}"), None);
    }
}
