# DeLong's AUC variance, interval and paired test from R's pROC (Debian r-cran-proc).
# Called by make_reference.py: Rscript proc_reference.R breast_cancer_predictions.csv > JSON on stdout
suppressMessages({library(pROC); library(jsonlite)})
d <- read.csv(commandArgs(trailingOnly = TRUE)[1])
y <- as.integer(d$diagnosis == "malignant")
one <- function(s) {
  r <- roc(y, s, levels = c(0, 1), direction = "<", quiet = TRUE)
  ci <- ci.auc(r, method = "delong", conf.level = 0.95)
  list(auc = as.numeric(auc(r)), variance = var(r, method = "delong"), ci95 = c(ci[1], ci[3]))
}
ra <- roc(y, d$p_full, levels = c(0, 1), direction = "<", quiet = TRUE)
rb <- roc(y, d$p_small, levels = c(0, 1), direction = "<", quiet = TRUE)
t <- roc.test(ra, rb, method = "delong", paired = TRUE)
out <- list(version = as.character(packageVersion("pROC")),
            full = one(d$p_full), small = one(d$p_small), tied = one(d$p_tied),
            full_vs_small = list(z = unname(t$statistic), p = t$p.value, ci95 = as.numeric(t$conf.int)))
cat(toJSON(out, digits = NA, auto_unbox = TRUE))
