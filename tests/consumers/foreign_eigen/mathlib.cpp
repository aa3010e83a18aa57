// The user's own numeric helpers: Eigen only, no zhibiao header.
#include <Eigen/Dense>

Eigen::VectorXd load_indicator(int n, bool rising) {
    Eigen::VectorXd v(n);
    for (int i = 0; i < n; ++i) v(i) = rising ? i + 1.0 : n - i;
    return v;
}

// Takes a matrix zhibiao made, grows it (realloc) and frees it here.
double grow_and_sum(Eigen::MatrixXd scores) {
    const Eigen::Index rows = scores.rows();
    scores.conservativeResize(rows + 1000, scores.cols());
    scores.bottomRows(1000).setZero();
    return scores.sum();
}
