# Step 2 of the random-forest oracle: R ranger (Debian r-cran-ranger) on data.json's datasets
# and folds, fully grown trees, with h2o-like sampling (63.2 % without replacement). For each dataset: the 5-fold
# CV R² (mean over folds and pooled) averaged over 5 ranger seeds (to average out Monte-Carlo
# noise), and the impurity importance of one forest on all rows. Writes ranger.json.
library(jsonlite)
library(ranger)
here <- dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))))
d <- fromJSON(file.path(here, "data.json"))
# min.node.size 1: fully grown trees, the one setting where ranger's node-size rule and h2o's leaf-size
# rule (minRows) agree. The kit is compared at minRows 1, maxDepth 40.
settings <- list(friedman1 = list(mtry = 3, min = 1), planted = list(mtry = 4, min = 1), steps = list(mtry = 2, min = 1))
r2 <- function(o, p) 1 - sum((p - o)^2) / sum((o - mean(o))^2)
out <- list(ranger = as.character(packageVersion("ranger")), trees = 300, seeds = 1:5)
for (name in names(d)) {
  s <- d[[name]]; st <- settings[[name]]
  X <- as.data.frame(matrix(s$x, ncol = s$p, byrow = TRUE)); names(X) <- paste0("x", seq_len(s$p) - 1)
  y <- s$y; folds <- s$folds
  means <- c(); pooled <- c()
  for (seed in 1:5) {
    hold <- numeric(length(y)); fr2 <- c()
    for (f in 0:4) {
      tr <- folds != f
      m <- ranger(x = X[tr, , drop = FALSE], y = y[tr], num.trees = 300, mtry = st$mtry, min.node.size = st$min,
                  replace = FALSE, sample.fraction = 0.632, seed = seed, num.threads = 1)
      p <- predict(m, X[!tr, , drop = FALSE], num.threads = 1)$predictions
      hold[!tr] <- p; fr2 <- c(fr2, r2(y[!tr], p))
    }
    means <- c(means, mean(fr2)); pooled <- c(pooled, r2(y, hold))
  }
  m <- ranger(x = X, y = y, num.trees = 300, mtry = st$mtry, min.node.size = st$min, replace = FALSE,
              sample.fraction = 0.632, seed = 1, num.threads = 1, importance = "impurity")
  out[[name]] <- list(mtry = st$mtry, minNodeSize = st$min, meanFoldR2 = mean(means), pooledR2 = mean(pooled),
                      seedSdMeanFoldR2 = sd(means), impurity = unname(m$variable.importance))
}
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path(here, "ranger.json"))
cat("wrote ranger.json\n")
