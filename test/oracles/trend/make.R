# Oracle for src/stats/trend/{ols-slope,sen-slope,mann-kendall,kendall-tau}.ts.
# Run: Rscript test/oracles/trend/make.R   (Debian r-base-core; base R only: the Kendall and trend
# packages are not in Debian, so Mann-Kendall and Sen's slope are written here by their textbook
# formulas, independently of the TypeScript; Kendall's tau comes from R's own cor()).
# Writes fixtures.json next to this script with 17 significant digits.
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
num <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
vec <- function(x) paste0("[", paste(num(x), collapse = ", "), "]")

mk <- function(t, y) {                       # Mann (1945), Kendall (1975), Hipel & McLeod (1994)
  ok <- !is.na(y); t <- t[ok]; y <- y[ok]
  o <- order(t); t <- t[o]; y <- y[o]; n <- length(y)
  S <- 0
  for (i in 1:(n - 1)) for (j in (i + 1):n) S <- S + sign(y[j] - y[i])
  g <- table(y); g <- g[g > 1]
  varS <- (n * (n - 1) * (2 * n + 5) - sum(g * (g - 1) * (2 * g + 5))) / 18
  z <- if (varS > 0) (S - sign(S)) / sqrt(varS) else NA
  list(S = S, varS = varS, z = z, p = if (is.na(z)) NA else 2 * pnorm(-abs(z)),
       tau = cor(t, y, method = "kendall"), n = n)
}
sen <- function(t, y, level = 0.95) {        # Sen (1968); CI as trend::sens.slope computes it
  ok <- !is.na(y); t <- t[ok]; y <- y[ok]; n <- length(y)
  d <- c()
  for (i in 1:(n - 1)) for (j in (i + 1):n) if (t[j] != t[i]) d <- c(d, (y[j] - y[i]) / (t[j] - t[i]))
  b <- median(d)
  C <- qnorm(1 - (1 - level) / 2) * sqrt(mk(t, y)$varS)
  d <- sort(d); N <- length(d)
  r <- function(k) if (k >= 1 && k <= N) d[k] else NA
  list(slope = b, intercept = median(y - b * t), lower = r(round((N - C) / 2)), upper = r(round((N + C) / 2 + 1)))
}
set.seed(20240117)
yrs <- 2003:2020
series <- list(
  rising_noisy = list(t = yrs, y = round(80 + 0.4 * (yrs - 2003) + rnorm(18, 0, 3), 1)),
  ties = list(t = yrs, y = c(50, 52, 52, 51, 55, 55, 55, 54, 58, 57, 57, 60, 59, 59, 59, 62, 61, 64)),
  gaps = list(t = yrs, y = c(120, NA, 118, 117, NA, NA, 121, 116, 115, NA, 113, 114, 112, NA, 110, 111, NA, 108)),
  flat_with_noise = list(t = yrs, y = round(100 + rnorm(18, 0, 5))),
  short = list(t = c(2003, 2005, 2006, 2010), y = c(1, 3, 2, 5)),
  irregular_times = list(t = c(2003, 2004, 2007, 2008, 2009, 2013, 2016, 2019, 2020), y = c(70, 72, 71, 75, 74, 74, 79, 80, 78))
)
cases <- c()
for (nm in names(series)) {
  s <- series[[nm]]; m <- mk(s$t, s$y); b <- sen(s$t, s$y)
  fit <- summary(lm(y ~ t, data = data.frame(t = s$t, y = s$y)))$coefficients
  cases <- c(cases, sprintf(paste0('    {"name": "%s", "t": %s, "y": %s,\n',
    '     "mk": {"s": %s, "varS": %s, "z": %s, "p": %s, "tau": %s, "n": %s},\n',
    '     "sen": {"slope": %s, "intercept": %s, "lower": %s, "upper": %s},\n',
    '     "ols": {"slope": %s, "se": %s, "intercept": %s}}'),
    nm, vec(s$t), vec(s$y), num(m$S), num(m$varS), num(m$z), num(m$p), num(m$tau), num(m$n),
    num(b$slope), num(b$intercept), num(b$lower), num(b$upper), num(fit[2, 1]), num(fit[2, 2]), num(fit[1, 1])))
}
x <- c(1, 2, 2, 3, 4, 4, 4, 5); y <- c(2, 1, 3, 3, 5, 4, 6, 6)
out <- c("{",
  sprintf('  "source": "test/oracles/trend/make.R, %s",', R.version.string),
  '  "series": [', paste(cases, collapse = ",\n"), "  ],",
  sprintf('  "tau_b": {"x": %s, "y": %s, "tau": %s, "pearson": %s, "spearman": %s}', vec(x), vec(y), num(cor(x, y, method = "kendall")),
    num(cor(x, y)), num(cor(x, y, method = "spearman"))),
  "}")
writeLines(out, file.path(here, "fixtures.json"))
cat("wrote", file.path(here, "fixtures.json"), "\n")
