# Writes data/bcg/bcg.csv from metafor's dat.bcg (Debian r-cran-metafor). Run from the repo root:
#   Rscript data/bcg/export.R
suppressPackageStartupMessages(library(metafor))
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
con <- file(file.path(here, "bcg.csv"), "w")
writeLines("# BCG vaccine trials against tuberculosis (Colditz et al. 1994, JAMA 271:698-702), as shipped in R metafor's dat.bcg. REAL published data.", con)
write.csv(dat.bcg[, c("trial", "author", "year", "tpos", "tneg", "cpos", "cneg", "ablat", "alloc")], con, row.names = FALSE)
close(con)
