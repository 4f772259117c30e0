# Oracle for src/stats/descriptive.ts and src/stats/distributions/student-t.ts.
# Run: Rscript test/oracles/descriptive/make.R   (Debian r-base-core; base R only)
# Writes fixtures.json next to this script with 17 significant digits.
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
num <- function(x) sprintf("%.17g", x)
vec <- function(x) paste0("[", paste(num(x), collapse = ", "), "]")
samples <- list(
  small = c(2.0, 3.4, 4.8, 4.4, 4.6),
  with_negatives = c(-1.9, 1.5, -0.2, -1.1, 0.2, -2.1, -1.2, -0.6, -1.3, -0.5),
  two = c(1, 2),
  wide = c(1e6 + 0.1, 1e6 + 0.2, 1e6 + 0.3, 1e6 + 0.4)
)
cases <- c()
for (nm in names(samples)) {
  x <- samples[[nm]]
  n <- length(x)
  se <- sd(x) / sqrt(n)
  q <- qt(0.975, n - 1)
  cases <- c(cases, sprintf(
    '    {"name": "%s", "x": %s, "mean": %s, "sd": %s, "var": %s, "se": %s, "ci95": [%s, %s], "cv": %s}',
    nm, vec(x), num(mean(x)), num(sd(x)), num(var(x)), num(se), num(mean(x) - q * se), num(mean(x) + q * se),
    num(sd(x) / abs(mean(x)))))
}
qs <- c()
for (df in c(1, 2, 3, 4.5, 10, 30, 116, 1000)) for (p in c(0.5, 0.6, 0.9, 0.975, 0.995, 0.9999)) {
  qs <- c(qs, sprintf('    {"p": %s, "df": %s, "qt": %s}', num(p), num(df), num(qt(p, df))))
}
ps <- c()
for (df in c(1, 2.5, 7, 60)) for (t in c(-3, -0.5, 0, 0.7, 2, 8)) {
  ps <- c(ps, sprintf('    {"t": %s, "df": %s, "pt": %s}', num(t), num(df), num(pt(t, df))))
}
lg <- c()
for (x in c(0.1, 0.5, 1, 1.5, 3.7, 10, 57.25, 170.5)) lg <- c(lg, sprintf('    {"x": %s, "lgamma": %s}', num(x), num(lgamma(x))))
out <- c("{",
  sprintf('  "source": "test/oracles/descriptive/make.R, %s",', R.version.string),
  '  "samples": [', paste(cases, collapse = ",\n"), "  ],",
  '  "qt": [', paste(qs, collapse = ",\n"), "  ],",
  '  "pt": [', paste(ps, collapse = ",\n"), "  ],",
  '  "lgamma": [', paste(lg, collapse = ",\n"), "  ]",
  "}")
writeLines(out, file.path(here, "fixtures.json"))
cat("wrote", file.path(here, "fixtures.json"), "\n")
