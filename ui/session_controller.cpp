#include "session_controller.h"

#include "dialog_folders.h"
#include "i18n/core_texts.h"
#include "main_window.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

namespace qs::ui {
namespace {

const char* const kFilter =
    QT_TRANSLATE_NOOP("SessionController", "QuantScope sessions (*.qscope)");

} // namespace

SessionController::SessionController(MainWindow* window)
    : QObject(window), m_window(window),
      m_locate([this](const QString& missing) { return askWhereTheFileIs(missing); })
{}

Session SessionController::capture() const
{
    return {m_window->source(), m_window->spec(), m_window->viewState()};
}

void SessionController::apply(const Session& session, const QString& path)
{
    m_window->applyViewState(session.view);
    m_window->start(session.source, session.spec);
    setPath(path);
    m_saved = session;
}

bool SessionController::open(const QString& path)
{
    auto session = readSessionAllowingMovedFile(path.toStdString());
    if (!session) {
        showError(errorText(session.error()));
        return false;
    }
    return applyLocatingFile(std::move(*session), path);
}

bool SessionController::applyLocatingFile(Session session, const QString& path)
{
    auto* file = std::get_if<FileSpec>(&session.source);
    const QString tensorPath = file ? QString::fromStdString(file->path) : QString();
    if (file == nullptr || QFileInfo::exists(tensorPath)) {
        apply(session, path);
        return true;
    }
    const QString located = m_locate(tensorPath);
    if (located.isEmpty()) {
        return false;
    }
    const Session asSaved = session;
    file->path = located.toStdString();
    apply(session, path);
    m_saved = asSaved; // the file still names the old place: Save writes the new one
    return true;
}

QString SessionController::askWhereTheFileIs(const QString& missingPath) const
{
    QMessageBox box(QMessageBox::Warning, tr("QuantScope"),
                    tr("This session's tensor file is not where it was saved:\n%1\n"
                       "Has it moved? Locate it to open the session.")
                        .arg(missingPath),
                    QMessageBox::Cancel, m_window);
    QPushButton* locate = box.addButton(tr("Locate file…"), QMessageBox::AcceptRole);
    box.setDefaultButton(locate);
    box.exec();
    if (box.clickedButton() != locate) {
        return {};
    }
    const QString suffix = QFileInfo(missingPath).suffix();
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Locate %1").arg(QFileInfo(missingPath).fileName()),
        dialogFolder(DialogKind::Tensors),
        suffix.isEmpty() ? tr("All files (*)")
                         : tr("Files like it (*.%1);;All files (*)").arg(suffix));
    rememberDialogFolder(DialogKind::Tensors, path);
    return path;
}

bool SessionController::saveAs(const QString& path)
{
    const Session session = capture();
    if (auto ok = writeSession(path.toStdString(), session); !ok) {
        showError(errorText(ok.error()));
        return false;
    }
    setPath(path);
    m_saved = session;
    return true;
}

void SessionController::openWithDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Open session"), dialogFolder(DialogKind::Sessions),
        QCoreApplication::translate("SessionController", kFilter));
    rememberDialogFolder(DialogKind::Sessions, path);
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
        m_window, tr("Save session"),
        m_path.isEmpty() ? inDialogFolder(DialogKind::Sessions, QStringLiteral("session.qscope"))
                         : m_path,
        QCoreApplication::translate("SessionController", kFilter));
    rememberDialogFolder(DialogKind::Sessions, path);
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

void SessionController::setPath(const QString& path)
{
    if (path != m_path) {
        m_path = path;
        emit pathChanged(m_path);
    }
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
