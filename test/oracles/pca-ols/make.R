# Oracle for src/stats/pca.ts and src/stats/ols-simple.ts: R's prcomp(scale. = TRUE) and lm().
# Run: Rscript test/oracles/pca-ols/make.R   -> fixtures.json beside this script.
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
num <- function(x) paste0("[", paste(sprintf("%.17g", x), collapse = ", "), "]")
# A fixed small dataset: three collinear 'moisture' drivers and a response (values typed in).
x1 <- c(0.21, 0.25, 0.19, 0.32, 0.28, 0.35, 0.22, 0.30, 0.27, 0.24)
x2 <- c(0.25, 0.31, 0.22, 0.36, 0.30, 0.41, 0.27, 0.33, 0.30, 0.26)
x3 <- c(410, 520, 380, 610, 560, 700, 450, 590, 500, 470)
y  <- c(-0.4, -0.7, -0.1, -1.2, -0.8, -1.5, -0.3, -1.0, -0.9, -0.5)
p <- prcomp(cbind(x1, x2, x3), scale. = TRUE)
load1 <- p$rotation[, 1]; sc1 <- p$x[, 1]
big <- which.max(abs(load1)); if (load1[big] < 0) { load1 <- -load1; sc1 <- -sc1 }  # the kit's sign convention
f <- summary(lm(y ~ sc1))
co <- f$coefficients
out <- c("{", sprintf('  "source": "test/oracles/pca-ols/make.R, %s",', R.version.string),
  sprintf('  "x1": %s, "x2": %s, "x3": %s, "y": %s,', num(x1), num(x2), num(x3), num(y)),
  sprintf('  "loadings": %s, "scores": %s, "variance": %.17g, "explained": %.17g,', num(load1), num(sc1), p$sdev[1]^2, p$sdev[1]^2 / sum(p$sdev^2)),
  sprintf('  "slope": %.17g, "seSlope": %.17g, "intercept": %.17g, "seIntercept": %.17g, "residualSe": %.17g, "df": %d, "r2": %.17g',
          co[2, 1], co[2, 2], co[1, 1], co[1, 2], f$sigma, f$df[2], f$r.squared), "}")
writeLines(out, file.path(here, "fixtures.json")); cat("wrote fixtures.json\n")
