#include "plots/label_placement.h"

#include <qcustomplot.h>

#include <algorithm>
#include <vector>

namespace qs::ui {
namespace {

// Where a label was put when it was added, kept so every pass starts from it.
constexpr const char* kWantedX = "qsWantedX";
constexpr const char* kWantedY = "qsWantedY";

struct Placed
{
    QCPItemText* label;
    QRectF box;
};

QRectF boxOf(const QCPItemText* label)
{
    return QRectF(label->topLeft->pixelPosition(), label->bottomRight->pixelPosition())
        .normalized();
}

bool overlaps(const QRectF& a, const QRectF& b)
{
    return a.left() < b.right() && b.left() < a.right() && a.top() < b.bottom() &&
           b.top() < a.bottom();
}

} // namespace

int separateLabels(QCustomPlot* plot, QCPAxisRect* rect)
{
    if (rect->height() <= 0) {
        return 0;
    }
    std::vector<QCPItemText*> labels;
    for (int i = 0; i < plot->itemCount(); ++i) {
        auto* label = qobject_cast<QCPItemText*>(plot->item(i));
        if (label == nullptr || label->clipAxisRect() != rect || !label->visible() ||
            label->position->typeY() != QCPItemPosition::ptAxisRectRatio) {
            continue;
        }
        if (!label->property(kWantedY).isValid()) {
            label->setProperty(kWantedX, label->position->coords().x());
            label->setProperty(kWantedY, label->position->coords().y());
        }
        label->position->setCoords(label->property(kWantedX).toDouble(),
                                   label->property(kWantedY).toDouble());
        labels.push_back(label);
    }
    // Top to bottom, then left to right: the labels given the top keep it, in item order.
    std::ranges::stable_sort(labels, [](const QCPItemText* a, const QCPItemText* b) {
        return a->property(kWantedY).toDouble() < b->property(kWantedY).toDouble();
    });
    std::vector<Placed> placed;
    int moved = 0;
    const QRect inside = rect->rect();
    QCPAxis* keyAxis = rect->axis(QCPAxis::atBottom);
    for (QCPItemText* label : labels) {
        // A label hanging over the rect's side would be cut: it slides back in, keeping its
        // height (a right-aligned "R′(127)" near the left edge, say).
        QRectF box = boxOf(label);
        double slide = 0;
        if (box.left() < inside.left()) {
            slide = inside.left() - box.left();
        } else if (box.right() > inside.right() + 1) {
            slide = inside.right() + 1 - box.right();
        }
        const double x = label->position->coords().x();
        // Only a label whose value is in sight: one panned out of view stays out of it.
        if (slide != 0 && keyAxis != nullptr && keyAxis->range().contains(x) &&
            box.width() < inside.width()) {
            label->position->setCoords(keyAxis->pixelToCoord(keyAxis->coordToPixel(x) + slide),
                                       label->position->coords().y());
            box = boxOf(label);
            ++moved;
        }
        const double wantedTop = box.top();
        // Each step goes below one label it covers; a label can cover each other one once.
        for (std::size_t step = 0; step <= placed.size(); ++step) {
            const auto covered = std::ranges::find_if(
                placed, [&](const Placed& other) { return overlaps(box, other.box); });
            if (covered == placed.end()) {
                break;
            }
            box.moveTop(covered->box.bottom() + 1);
        }
        if (box.top() != wantedTop) {
            const double ratio = label->position->coords().y() +
                                 (box.top() - wantedTop) / static_cast<double>(rect->height());
            label->position->setCoords(label->position->coords().x(), ratio);
            ++moved;
        }
        placed.push_back({label, box});
    }
    return moved;
}

void keepLabelsApart(QCustomPlot* plot, QCPAxisRect* rect)
{
    QObject::connect(plot, &QCustomPlot::afterLayout, plot,
                     [plot, rect] { separateLabels(plot, rect); });
}

} // namespace qs::ui
