# Oracle for src/stats/meta/*: Debian r-cran-metafor (3.8) results for every tau^2 estimator,
# classic and Hartung-Knapp CIs, prediction intervals, Q-profile CIs, weights, and subgroup
# analyses (meta::metagen's separate-tau^2 subgroups reproduced with metafor per subgroup
# plus the random-effects Q-between). There is no r-cran-meta in Debian.
# Run: Rscript test/oracles/metagen/make.R   -> writes fixtures.json beside this script.
# metafor's default tolerances (Fisher scoring threshold 1e-5, uniroot tol ~1e-5) are
# tightened to 1e-12 so the fixtures can be compared at ~1e-8.
suppressPackageStartupMessages(library(metafor))
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))

json <- function(x, indent = "") {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    nm <- names(x)
    inner <- paste0(indent, "  ")
    if (is.null(nm)) return(paste0("[\n", paste0(inner, sapply(x, json, indent = inner), collapse = ",\n"), "\n", indent, "]"))
    return(paste0("{\n", paste0(inner, '"', nm, '": ', sapply(x, json, indent = inner), collapse = ",\n"), "\n", indent, "}"))
  }
  if (is.character(x)) { s <- paste0('"', x, '"'); return(if (length(x) == 1) s else paste0("[", paste(s, collapse = ", "), "]")) }
  f <- ifelse(is.na(x), "null", sprintf("%.17g", x))
  if (length(x) == 1) f else paste0("[", paste(f, collapse = ", "), "]")
}

ctrl <- list(threshold = 1e-12, tol = 1e-12, maxiter = 1000)
fit1 <- function(yi, vi, method, test) rma(yi, vi, method = method, test = test, control = ctrl)

summarise <- function(yi, vi, method) {
  k <- length(yi)
  z <- fit1(yi, vi, method, "z")
  h <- fit1(yi, vi, method, "knha")
  out <- list(method = method, k = k,
    teRandom = c(z$b), seRandom = z$se, lowerRandom = z$ci.lb, upperRandom = z$ci.ub, pvalRandom = z$pval,
    tau2 = z$tau2, seTau2 = if (k > 1) z$se.tau2 else NA,
    seRandomHK = h$se, lowerRandomHK = h$ci.lb, upperRandomHK = h$ci.ub, pvalRandomHK = h$pval,
    weightsRandom = unname(weights(z)))
  if (k > 1) {
    fe <- rma(yi, vi, method = "EE")
    Q <- fe$QE; df <- k - 1
    zq <- qnorm(0.975)
    H <- sqrt(Q / df)
    selogH <- if (Q > k) 0.5 * (log(Q) - log(k - 1)) / (sqrt(2 * Q) - sqrt(2 * k - 3)) else if (k > 2) sqrt(1 / (2 * (k - 2)) * (1 - 1 / (3 * (k - 2)^2))) else NA
    hL <- max(1, exp(log(max(H, 1)) - zq * selogH)); hU <- max(1, exp(log(max(H, 1)) + zq * selogH))
    ci <- confint(z, control = list(tol = 1e-12, tau2.max = 1e6))$random  # default tau2.max = 100 truncates wide upper bounds (k = 2 case)
    out <- c(out, list(teCommon = c(fe$b), seCommon = fe$se, lowerCommon = fe$ci.lb, upperCommon = fe$ci.ub,
      weightsCommon = unname(weights(fe)), Q = Q, dfQ = df, pvalQ = fe$QEp,
      I2 = max(0, (Q - df) / Q), lowerI2 = (hL^2 - 1) / hL^2, upperI2 = (hU^2 - 1) / hU^2, H = H,
      I2Tau = z$I2 / 100, lowerTau2 = ci["tau^2", "ci.lb"], upperTau2 = ci["tau^2", "ci.ub"],
      lowerI2Tau = ci["I^2(%)", "ci.lb"] / 100, upperI2Tau = ci["I^2(%)", "ci.ub"] / 100))
    if (k > 2) {  # HTS: t(k-2), classic SE
      half <- qt(0.975, k - 2) * sqrt(z$tau2 + z$se^2)
      out$lowerPredictHTS <- c(z$b) - half; out$upperPredictHTS <- c(z$b) + half
    }
    pt <- predict(fit1(yi, vi, method, "t")); ph <- predict(h)
    out$lowerPredictV <- pt$pi.lb; out$upperPredictV <- pt$pi.ub
    out$lowerPredictVHK <- ph$pi.lb; out$upperPredictVHK <- ph$pi.ub
  }
  out
}

subgroupCase <- function(yi, vi, g, method, hk) {
  groups <- unique(g)
  sub <- lapply(groups, function(s) {
    idx <- which(g == s)
    f <- fit1(yi[idx], vi[idx], method, if (hk && length(idx) > 1) "knha" else "z")
    list(name = s, k = length(idx), teRandom = c(f$b), seRandom = f$se, lowerRandom = f$ci.lb, upperRandom = f$ci.ub, tau2 = f$tau2)
  })
  est <- sapply(sub, function(s) s$teRandom); se <- sapply(sub, function(s) s$seRandom)
  w <- 1 / se^2; m <- sum(w * est) / sum(w); qb <- sum(w * (est - m)^2)
  list(method = method, hk = hk, subgroups = sub, qBetween = qb, dfBetween = length(groups) - 1, pvalBetween = pchisq(qb, length(groups) - 1, lower.tail = FALSE))
}

bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
datasets <- list(
  bcg = list(yi = c(bcg$yi), vi = c(bcg$vi)),
  small3 = list(yi = c(0.10, 0.35, -0.20), vi = c(0.02, 0.05, 0.04)),
  two = list(yi = c(0.5, -0.1), vi = c(0.04, 0.09)),
  homogeneous = list(yi = c(0.20, 0.21, 0.19, 0.205, 0.198), vi = c(0.01, 0.02, 0.015, 0.03, 0.012)),
  one = list(yi = c(0.3), vi = c(0.05))
)
methods <- c("DL", "REML", "ML", "PM", "EB", "HE", "SJ", "HS")
cases <- list()
for (d in names(datasets)) for (m in methods) {
  x <- datasets[[d]]
  r <- summarise(x$yi, x$vi, m); r$dataset <- d
  cases[[length(cases) + 1]] <- r
}
sg <- list()
for (m in c("REML", "DL")) for (hk in c(FALSE, TRUE)) {
  r <- subgroupCase(c(bcg$yi), c(bcg$vi), as.character(dat.bcg$alloc), m, hk); r$dataset <- "bcg-alloc"; sg[[length(sg) + 1]] <- r
  g1 <- c(rep("A", 6), rep("B", 6), "C")  # subgroup C has k = 1
  r <- subgroupCase(c(bcg$yi), c(bcg$vi), g1, m, hk); r$dataset <- "bcg-with-singleton"; r$groups <- g1; sg[[length(sg) + 1]] <- r
}
out <- list(source = paste("test/oracles/metagen/make.R, metafor", as.character(packageVersion("metafor")), R.version.string),
  datasets = lapply(datasets, function(x) list(yi = x$yi, vi = x$vi)),
  bcg = list(tpos = dat.bcg$tpos, tneg = dat.bcg$tneg, cpos = dat.bcg$cpos, cneg = dat.bcg$cneg, alloc = as.character(dat.bcg$alloc)),
  cases = cases, subgroups = sg)
writeLines(json(out), file.path(here, "fixtures.json"))
cat("wrote", file.path(here, "fixtures.json"), "\n")
