#include "session_controller.h"

#include "i18n/core_texts.h"
#include "main_window.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QMessageBox>

namespace qs::ui {
namespace {

const char* const kFilter =
    QT_TRANSLATE_NOOP("SessionController", "QuantScope sessions (*.qscope)");

} // namespace

SessionController::SessionController(MainWindow* window) : QObject(window), m_window(window) {}

Session SessionController::capture() const
{
    return {m_window->source(), m_window->spec(), m_window->viewState()};
}

void SessionController::apply(const Session& session, const QString& path)
{
    m_window->applyViewState(session.view);
    m_window->start(session.source, session.spec);
    m_path = path;
    m_saved = session;
}

bool SessionController::open(const QString& path)
{
    auto session = readSession(path.toStdString());
    if (!session) {
        showError(errorText(session.error()));
        return false;
    }
    apply(*session, path);
    return true;
}

bool SessionController::saveAs(const QString& path)
{
    const Session session = capture();
    if (auto ok = writeSession(path.toStdString(), session); !ok) {
        showError(errorText(ok.error()));
        return false;
    }
    m_path = path;
    m_saved = session;
    return true;
}

void SessionController::openWithDialog()
{
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Open session"), QString(),
                                     QCoreApplication::translate("SessionController", kFilter));
    if (!path.isEmpty()) {
        open(path);
    }
}

bool SessionController::saveWithDialog()
{
    return m_path.isEmpty() ? saveAsWithDialog() : saveAs(m_path);
}

bool SessionController::saveAsWithDialog()
{
    QString path = QFileDialog::getSaveFileName(
        m_window, tr("Save session"), m_path.isEmpty() ? QStringLiteral("session.qscope") : m_path,
        QCoreApplication::translate("SessionController", kFilter));
    if (path.isEmpty()) {
        return false;
    }
    if (!path.endsWith(QLatin1String(".qscope"))) {
        path += QLatin1String(".qscope");
    }
    return saveAs(path);
}

bool SessionController::hasUnsavedChanges() const
{
    return m_saved && capture() != *m_saved;
}

bool SessionController::maySafelyClose()
{
    if (!hasUnsavedChanges()) {
        return true;
    }
    const auto answer = QMessageBox::question(
        m_window, tr("QuantScope"), tr("The session %1 has changed. Save the changes?").arg(m_path),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save) {
        return saveWithDialog();
    }
    return answer == QMessageBox::Discard;
}

void SessionController::showError(const QString& message)
{
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("QuantScope"), message, QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("sessionErrorDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace qs::ui
