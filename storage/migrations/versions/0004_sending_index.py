"""A partial index on rows left `sending`, so start-up's recover does not scan the history.

Revision ID: 0004
Revises: 0003

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0004'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('scheduled_message', schema=None) as batch_op:
        batch_op.create_index('ix_scheduled_message_sending', ['claimed_at'], unique=False,
                              sqlite_where=sa.text("status = 'sending'"),
                              postgresql_where=sa.text("status = 'sending'"))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('scheduled_message', schema=None) as batch_op:
        batch_op.drop_index('ix_scheduled_message_sending',
                            sqlite_where=sa.text("status = 'sending'"),
                            postgresql_where=sa.text("status = 'sending'"))
