//! Counts in words, the same on the console's pages and the command line: "1 call", "2 calls".

pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(0, "call", "calls"), "0 calls");
        assert_eq!(counted(1, "call", "calls"), "1 call");
        assert_eq!(counted(2, "tenant", "tenants"), "2 tenants");
    }
}
