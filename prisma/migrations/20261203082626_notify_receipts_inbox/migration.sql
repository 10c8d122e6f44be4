-- AlterTable
ALTER TABLE "NotifyMessage" ADD COLUMN     "reportedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "NotifySettings" ADD COLUMN     "receiptCallbackId" TEXT;

-- CreateTable
CREATE TABLE "NotifyInboxRead" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "messageId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "readAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotifyInboxRead_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NotifyInboxRead_tenantId_userId_idx" ON "NotifyInboxRead"("tenantId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "NotifyInboxRead_tenantId_messageId_userId_key" ON "NotifyInboxRead"("tenantId", "messageId", "userId");

-- CreateIndex
CREATE INDEX "NotifyMessage_tenantId_providerMessageId_idx" ON "NotifyMessage"("tenantId", "providerMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "NotifySettings_receiptCallbackId_key" ON "NotifySettings"("receiptCallbackId");

-- AddForeignKey
ALTER TABLE "NotifyInboxRead" ADD CONSTRAINT "NotifyInboxRead_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "NotifyMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
